import { createHash, randomBytes } from 'node:crypto';

/**
 * A reproducible random draw from a register. The register is sorted first (the order it was sent
 * in does not matter), then shuffled by Fisher–Yates with numbers from SHA-256 of
 * `<seed>\n<label>\n<counter>` (eight 32-bit words per digest, big-endian, taken in order; a word
 * at or above the largest multiple of the range is skipped, so every pick is unbiased). The first
 * `size` after the shuffle are drawn. Anyone with the seed, the label and the register can redo it.
 */
export function drawFrom(
  seed: string,
  label: string,
  register: readonly string[],
  size: number,
): string[] {
  if (size > register.length) throw new RangeError(`Cannot draw ${size} of ${register.length}`);
  const next = wordsOf(seed, label);
  const pool = [...register].sort();
  for (let index = 0; index < size; index += 1) {
    const pick = index + below(pool.length - index, next);
    [pool[index], pool[pick]] = [pool[pick], pool[index]];
  }
  return pool.slice(0, size);
}

/** A fresh seed when the buyer states none: 128 bits from the system's secure generator. */
export function newSeed(): string {
  return randomBytes(16).toString('hex');
}

function wordsOf(seed: string, label: string): () => number {
  let counter = 0;
  let words: number[] = [];
  return () => {
    if (words.length === 0) {
      const digest = createHash('sha256').update(`${seed}\n${label}\n${counter}`).digest();
      counter += 1;
      words = Array.from({ length: 8 }, (_, index) => digest.readUInt32BE(index * 4));
    }
    return words.shift() as number;
  };
}

/** An unbiased whole number from 0 to range - 1. */
function below(range: number, next: () => number): number {
  const limit = Math.floor(2 ** 32 / range) * range;
  let word = next();
  while (word >= limit) word = next();
  return word % range;
}
