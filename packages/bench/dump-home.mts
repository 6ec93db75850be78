import { writeFileSync } from 'node:fs'
import { findRepoRoot, startBuiltCms, startBuiltSite } from '@repo/testing'
const repoRoot = findRepoRoot(process.cwd())
const cms = await startBuiltCms({ repoRoot, databaseUrl: `file:${process.argv[2]}` })
const site = await startBuiltSite({ repoRoot, cmsUrl: cms.url })
try {
  for (const [name, path] of [['home', '/'], ['suggested', '/?mode=suggested'], ...(process.argv[3] ? [['extra', process.argv[3]]] : [])]) {
    const html = await (await fetch(site.url + path)).text()
    writeFileSync(`/tmp/${name}.html`, html)
    console.log(name, html.length)
  }
} finally { await site.stop(); await cms.stop() }
