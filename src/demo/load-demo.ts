// The demo evaluation built on the shipped QLVB&ĐHCV catalog file (criteria/qlvb-dhcv-2015.yaml).
import { fileURLToPath } from 'node:url'
import { loadCatalogFile } from '../catalogs/load-catalog.ts'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import { buildDemoEvaluation } from './demo-evaluation.ts'

export const DEMO_CATALOG_FILE = fileURLToPath(new URL('../../criteria/qlvb-dhcv-2015.yaml', import.meta.url))

/** Loads the shipped catalog (or `catalogFile`) and builds the demo evaluation from it. */
export async function loadDemoEvaluation(catalogFile: string = DEMO_CATALOG_FILE, lang: Lang = 'vi'): Promise<EvaluationFile> {
  return buildDemoEvaluation(await loadCatalogFile(catalogFile, lang))
}
