/**
 * Creating a draft from an imported Word file: the recogniser (word-import.ts) has turned the file
 * into a legal tree; this command, like `create`, authorizes `agreement.create` and creates the
 * agreement with that tree as its first live text, in one transaction.
 */
import { authorize, type CommandDeps } from '../command.ts';
import { createAgreement, type AgreementSummary } from './index.ts';
import type { LegalNodeJSON } from '../../../shared/legal/numbering.ts';

export interface ImportAgreementInput {
  title: string;
  docNumber: string;
  partyAgencyIds: string[];
  /** A `doc` of the legal schema. */
  text: LegalNodeJSON;
}

export function importAgreement(deps: CommandDeps, input: ImportAgreementInput): Promise<AgreementSummary> {
  return deps.db.write(async (tx) => {
    authorize(deps.actor, 'agreement.create', null);
    const { text, ...details } = input;
    return createAgreement(tx, deps.live, deps.actor, details, text);
  });
}
