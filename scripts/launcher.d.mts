/** Types of launcher.mjs for the TypeScript tests that import it. */
export interface Target { outputs: string[]; sources: string[]; tool: string }
export const ROOT: string;
export const SERVER_ENTRIES: Record<string, string>;
export const TARGETS: { web: Target; server: Target };
export function newestMtime(path: string): number;
export function staleness(target: Target, root?: string): string | null;
export function isStale(target: Target, root?: string): boolean;
export function serverNodeFlags(root?: string): string[];
export function hasTool(target: Target, root?: string): boolean;
export function buildWeb(root?: string): void;
export function buildServer(root?: string): Promise<void>;
