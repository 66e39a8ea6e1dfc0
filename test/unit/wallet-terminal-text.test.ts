// Terminal safety of outside text (issue 14): controls, escapes and bidi overrides shown escaped, long strings cut.
import { describe, expect, it } from 'vitest'
import { TERMINAL_TEXT_MAX, terminalJson, terminalSafe, terminalValue } from '../../wallet/core/index.ts'

describe('terminalSafe', () => {
  it('shows ESC, CSI sequences, CR/LF and BEL as \\x escapes', () => {
    expect(terminalSafe('a\u001b[2J\u001b[Hb\r\nc\u0007')).toBe('a\\x1b[2J\\x1b[Hb\\x0d\\x0ac\\x07')
  })
  it('shows C1 controls (8-bit CSI) and DEL', () => {
    expect(terminalSafe('x\u009b31my\u007f')).toBe('x\\x9b31my\\x7f')
  })
  it('shows bidi overrides, isolates, marks and zero-width characters as \\u escapes', () => {
    expect(terminalSafe('pay\u202eexe.txt\u2066\u200f\u200b\ufeff')).toBe('pay\\u202eexe.txt\\u2066\\u200f\\u200b\\ufeff')
  })
  it('doubles backslashes so an escape shown cannot be forged', () => {
    expect(terminalSafe('\\x1b')).toBe('\\\\x1b')
  })
  it('escapes a lone surrogate but keeps Chinese text and emoji', () => {
    expect(terminalSafe('居民身份凭证 ✓ 😀 \ud800')).toBe('居民身份凭证 ✓ 😀 \\ud800')
  })
  it('cuts long strings (in code points) with …', () => {
    expect(terminalSafe('x'.repeat(TERMINAL_TEXT_MAX + 50))).toBe(`${'x'.repeat(TERMINAL_TEXT_MAX)}…`)
    expect(terminalSafe('名'.repeat(10), 4)).toBe('名名名名…')
  })
})

describe('terminalValue and terminalJson', () => {
  it('shows values as JSON with the remaining unsafe characters escaped', () => {
    expect(terminalValue('a\u001bb\u202e')).toBe('"a\\u001bb\\u202e"')
    expect(terminalValue(true)).toBe('true')
  })
  it('keeps --json output valid JSON while escaping bidi and C1 characters', () => {
    const text = terminalJson({ k: 'a\u202eb\u009b' })
    expect(text).toBe('{\n  "k": "a\\u202eb\\u009b"\n}')
    expect(JSON.parse(text)).toEqual({ k: 'a\u202eb\u009b' })
  })
})
