// The native argon2 module is loaded on the first sign-in or password change, not at start.
const argon2 = () => import('@node-rs/argon2');

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  const { hash } = await argon2();
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const { verify } = await argon2();
  return verify(passwordHash, password).catch(() => false);
}

// Verifying against this when the email is unknown keeps the answer's timing the same.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('concord-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}
