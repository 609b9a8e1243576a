// Reads catalog files (criteria/*.yaml): YAML → zod schema → the tree's rules. Every error names
// the file, the path inside it, the line and what is wrong, in the reader's language.
import { readFile, readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Lexer, LineCounter, Parser, parseDocument, type Document } from 'yaml'
import { compareVersions, parseCatalog, type Catalog } from '../domain/catalog.ts'
import { ValidationError, type Issue, type PathSegment } from '../domain/issues.ts'
import { message, type Lang } from '../domain/messages.ts'

export interface LoadedCatalog {
  readonly file: string
  readonly catalog: Catalog
}

/** Loads and validates one catalog file; throws `ValidationError` (source = the file). */
export async function loadCatalogFile(path: string, lang: Lang = 'vi'): Promise<Catalog> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw new ValidationError([{ path: '', message: message(lang, 'fileUnreadable', { detail: errorText(err) }) }], path)
  }
  return parseCatalogYaml(text, path, lang)
}

/** §7: an uploaded YAML file is refused, before it is composed, beyond these. */
export const YAML_LIMITS = { maxAliases: 100, maxDepth: 20 } as const

interface CstNode {
  type?: string
  value?: CstNode
  items?: { key?: CstNode | null; value?: CstNode | null }[]
}

/**
 * Aliases and nesting, counted before the document is built (§7 "Hostile input"): many aliases
 * expand exponentially, and deep nesting overflows the composer's stack. Flow nesting (`[[[[…`)
 * is counted on the lexer's tokens, stopping at the first token past the limit; block nesting
 * and aliases on the concrete syntax tree, walked with a stack of our own (no recursion).
 */
function yamlShapeIssue(text: string, lang: Lang): Issue | undefined {
  const { maxAliases, maxDepth } = YAML_LIMITS
  const tooDeep = (): Issue => ({ path: '', message: message(lang, 'yamlTooDeep', { max: maxDepth }) })
  let flow = 0
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++flow > maxDepth) return tooDeep()
    } else if (token === ']' || token === '}') {
      flow = Math.max(0, flow - 1)
    }
  }
  let aliases = 0
  for (const doc of new Parser().parse(text)) {
    const stack: [CstNode | null | undefined, number][] = [[doc as CstNode, 0]]
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!
      if (!node || typeof node !== 'object') continue
      if (node.type === 'alias') {
        if (++aliases > maxAliases) return { path: '', message: message(lang, 'yamlTooManyAliases', { max: maxAliases }) }
        continue
      }
      const collection = node.type === 'block-map' || node.type === 'block-seq' || node.type === 'flow-collection'
      const inner = collection ? depth + 1 : depth
      if (inner > maxDepth) return tooDeep()
      if (node.type === 'document') stack.push([node.value, depth])
      for (const item of node.items ?? []) stack.push([item.key, inner], [item.value, inner])
    }
  }
  return undefined
}

/** The same checks on YAML text already in memory (an upload); `source` names it in errors. */
export function parseCatalogYaml(text: string, source: string, lang: Lang = 'vi'): Catalog {
  const shape = yamlShapeIssue(text, lang)
  if (shape) throw new ValidationError([shape], source)
  const lines = new LineCounter()
  // uniqueKeys: a repeated key in a hand-edited file is a mistake, not "last one wins".
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true })
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e): Issue => {
      const pos = e.linePos?.[0] ?? { line: 0, col: 0 }
      const detail = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
      return { path: '', message: message(lang, 'yamlSyntax', { line: pos.line, col: pos.col, detail }) }
    })
    throw new ValidationError(issues, source)
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliases })
  } catch (err) {
    // yaml's guard against alias expansion (a ReferenceError): the file's fault, not ours.
    if (err instanceof ReferenceError) throw new ValidationError([{ path: '', message: message(lang, 'yamlTooManyAliases', { max: YAML_LIMITS.maxAliases }) }], source)
    throw err
  }
  const result = parseCatalog(data, lang)
  if (!result.ok) throw new ValidationError(result.issues.map((i) => withLine(i, doc, lines, lang)), source)
  return result.value
}

/**
 * Loads every *.yaml in `dir` (sorted by name). Throws one `ValidationError` listing every bad
 * file, or naming both files when two hold the same (id, version).
 */
export async function loadCatalogDir(dir: string, lang: Lang = 'vi'): Promise<LoadedCatalog[]> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort()
  if (names.length === 0) throw new ValidationError([{ path: '', message: message(lang, 'noCatalogFiles', { dir }) }], dir)
  const loaded: LoadedCatalog[] = []
  const problems: Issue[] = []
  const firstFile = new Map<string, string>()
  for (const name of names) {
    const file = join(dir, name)
    try {
      const catalog = await loadCatalogFile(file, lang)
      const key = `${catalog.id}@${catalog.version}`
      const first = firstFile.get(key)
      if (first !== undefined) {
        const msg = message(lang, 'duplicateCatalog', { id: catalog.id, version: catalog.version, first: basename(first) })
        problems.push({ path: `${file}: version`, message: msg })
        continue
      }
      firstFile.set(key, file)
      loaded.push({ file, catalog })
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      for (const i of err.issues) problems.push({ path: i.path === '' ? file : `${file}: ${i.path}`, message: i.message })
    }
  }
  if (problems.length > 0) throw new ValidationError(problems)
  return loaded.sort((a, b) => a.catalog.id.localeCompare(b.catalog.id) || compareVersions(a.catalog.version, b.catalog.version))
}

/** Appends "(line L, column C)" of the deepest YAML node on the issue's path that exists. */
function withLine(issue: Issue, doc: Document, lines: LineCounter, lang: Lang): Issue {
  const segments = parsePath(issue.path)
  for (let n = segments.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true)
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range
    if (!range) continue
    const pos = lines.linePos(range[0])
    return { path: issue.path, message: `${issue.message} ${message(lang, 'atLine', { line: pos.line, col: pos.col })}` }
  }
  return issue
}

/** `criteria[2].children[0].weight` → `['criteria', 2, 'children', 0, 'weight']`. */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = []
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!)
  return out
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
