import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** What the figures were measured on: they only compare within one machine. */
export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  }
}

/** Writes `bench/results/<name>.json` at the repo root and returns its path. */
export function writeResult(repoRoot: string, name: string, data: object): string {
  const dir = path.join(repoRoot, 'bench/results')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.json`)
  writeFileSync(
    file,
    `${JSON.stringify({ bench: name, at: new Date().toISOString(), machine: machine(), ...data }, null, 2)}\n`,
  )
  return file
}

/** Prints a titled table. */
export function printTable(title: string, rows: object[]): void {
  console.log(`\n## ${title}`)
  console.table(rows)
}
