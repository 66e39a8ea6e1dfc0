// ISO 7064 MOD 11-2 check character of GB 11643-1999 §5.2 (weights 2^(17-i) mod 11, 10 written `X`).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHARS = '10X98765432'

/** The check character ('0'-'9' or 'X') for the 17 leading digits `body` (caller checks the digits). */
export function checkCharacter(body: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0)
  return CHARS.charAt(sum % 11)
}
