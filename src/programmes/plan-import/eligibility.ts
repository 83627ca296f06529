/**
 * Who may apply, from the "executors" column: "НКО" (некоммерческая организация) means NGOs
 * only. Only what is recognised is mapped; the rest is reported, not guessed.
 */
const NGO =
  /^(?:нко|нпо|нко\.|нпо\.|ngos?|ncos?|npos?|оо|оф|ои|некоммерческ\p{L}*(?:\s+\p{L}+)*|общественн\p{L}*(?:\s+\p{L}+)*|неправительственн\p{L}*(?:\s+\p{L}+)*|non-?(?:governmental|profit|commercial)(?:\s+\p{L}+)*)$/iu;

export interface EligibilityReading {
  eligibility: string[];
  /** Parts of the text that say nothing we recognise. */
  unrecognised: string[];
}

export function readEligibility(executors: string): EligibilityReading {
  const parts = executors
    .split(/[,;/\n]|\s+(?:и|или|and|or)\s+/iu)
    .map((part) =>
      part
        .replace(/[\s\u00A0]+/gu, ' ')
        .replace(/[.()]+$/u, '')
        .trim(),
    )
    .filter((part) => part !== '');
  const eligibility = new Set<string>();
  const unrecognised: string[] = [];
  for (const part of parts) {
    if (NGO.test(part)) eligibility.add('ngo');
    else unrecognised.push(part);
  }
  return { eligibility: [...eligibility], unrecognised };
}
