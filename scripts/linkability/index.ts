// `npm run linkability`: what colluding services (and the issuer with them) can join, measured on the real services
// over loopback. Prints the tables and, at the defaults (or with --out), writes docs/PRIVACY.md and its SVG chart.
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { isEidError } from '../../shared/errors/index.ts'
import { renderChart } from './chart.ts'
import { commandOf, renderDocument } from './document.ts'
import { parseOptions } from './options.ts'
import { renderText } from './report.ts'
import { runLinkability } from './run.ts'

const CHART_FILE = 'privacy-linkability.svg'

async function main(argv: string[]): Promise<number> {
  let options
  try {
    options = parseOptions(argv)
  } catch (err) {
    if (isEidError(err)) {
      process.stderr.write(`${err.message}\n`)
      return 2
    }
    throw err
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`)
  const report = await runLinkability(options, log)
  process.stdout.write(`${renderText(report)}\n`)
  if (options.out !== undefined) {
    const chart = join(dirname(options.out), CHART_FILE)
    await mkdir(dirname(options.out), { recursive: true })
    await writeFile(chart, renderChart(report))
    await writeFile(options.out, renderDocument(report, commandOf(argv), basename(chart)))
    process.stdout.write(`wrote ${options.out} and ${chart}\n`)
  }
  return 0
}

process.exitCode = await main(process.argv.slice(2))
