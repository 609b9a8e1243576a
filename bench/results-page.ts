// §10 "results page": the page GET /evaluations/:id/results of a large evaluation (10
// candidates × 200 criteria × 30 raters = 60 000 ratings, in review) through the whole app
// (session, services, scoring, view model, charts, template), against rendering the same
// template from numbers computed beforehand (the page's own context, captured once) through a
// bare fastify route. Both via `inject`, in this process, medians of repeated runs. Also the page
// right after a rating changed (§10 "first view after a change"): each run saves one rating (the
// chair's, in review, with a reason) through the service, then times the page alone.
// Run alone: node_modules/.bin/tsx bench/results-page.ts
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import Fastify from 'fastify'
import Handlebars from 'handlebars'
import { buildApp } from '../src/app.ts'
import { CatalogRegistry } from '../src/catalogs/catalog-registry.ts'
import { loadConfig } from '../src/config.ts'
import { closeDb, openDb } from '../src/db/create-db.ts'
import { evaluationNav } from '../src/http/routes/evaluations/nav.ts'
import { resultDownloads, resultsModel } from '../src/http/routes/results/view-model.ts'
import { VIEWS_DIR } from '../src/http/plugins/views.ts'
import { registerHelpers } from '../src/http/view-helpers.ts'
import { t } from '../src/i18n/index.ts'
import { closeRenderPool } from '../src/report/render-pool.ts'
import { SYSTEM_ACTOR, actorOf, getEvaluation, getResults, listUsers, openResults, saveRating } from '../src/services/index.ts'
import { largeEvaluation } from './core.ts'
import { SEED_PASSWORD, importSeeded } from './lib/seed.ts'
import { medianMs } from './lib/stats.ts'
import { markdownTable, type Row } from './lib/table.ts'

/** The page's template and layout, compiled as @fastify/view does, with the app's helpers. */
function compileViews() {
  const hbs = Handlebars.create()
  registerHelpers(hbs)
  for (const f of readdirSync(join(VIEWS_DIR, 'partials'))) {
    if (f.endsWith('.hbs')) hbs.registerPartial(f.slice(0, -4), readFileSync(join(VIEWS_DIR, 'partials', f), 'utf8'))
  }
  const page = hbs.compile(readFileSync(join(VIEWS_DIR, 'evaluations', 'results.hbs'), 'utf8'))
  const layout = hbs.compile(readFileSync(join(VIEWS_DIR, 'layouts', 'main.hbs'), 'utf8'))
  return (context: Record<string, unknown>) => layout({ ...context, body: page(context) })
}

export async function benchResultsPage(o: { runs?: number } = {}): Promise<Row[]> {
  const runs = o.runs ?? 9
  const config = loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv)
  const db = await openDb(':memory:')
  const large = largeEvaluation()
  const file = {
    ...large,
    evaluation: { ...large.evaluation, status: 'review' as const },
    // The chair has declared, so that it may change a rating in review.
    members: large.members.map((m, i) => (i === 0 ? { ...m, username: 'bench-results-chair', declaredAt: '2015-05-12T08:30:00.000Z' } : m)),
  }
  const ev = await importSeeded(db, file)
  const app = await buildApp(config, { db, catalogs: await CatalogRegistry.fromDir(config.criteriaDir), sessionSecret: 'b'.repeat(64), logger: false })
  await app.ready()
  try {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'bench-results-chair', password: SEED_PASSWORD }) })
    const raw = login.headers['set-cookie']
    const cookie = (Array.isArray(raw) ? raw : [raw ?? '']).filter((c) => c.startsWith('sid=')).at(-1)!.split(';')[0]!
    const url = `/evaluations/${ev.id}/results`
    const page = async () => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } })
      if (res.statusCode !== 200) throw new Error(`results page: ${res.statusCode} ${res.body.slice(0, 300)}`)
      return res.body.length
    }
    const t0 = performance.now()
    const bytes = await page()
    const coldMs = performance.now() - t0
    const warmMs = await medianMs(page, 1, runs)

    const user = (await listUsers(db, SYSTEM_ACTOR)).find((u) => u.username === 'bench-results-chair')!
    const actor = actorOf(user, 'vi')

    // Right after a rating changed: a different cell each run, to a level it did not have.
    const chair = file.members[0]!.id
    let changed = 0
    const changeOne = async () => {
      const candidate = file.candidates[changed % file.candidates.length]!.id
      const criterion = ev.criteria[changed % ev.criteria.length]!
      changed++
      const was = file.ratings.find((r) => r.member === chair && r.candidate === candidate && r.criterion === criterion)?.value ?? 0
      await saveRating(db, actor, ev.id, { candidate, criterion, value: (was + 3) % 6, reason: 'Xem lại biên bản thử nghiệm' })
    }
    const afterChange: number[] = []
    for (let i = 0; i < 1 + runs; i++) {
      await changeOne()
      const t1 = performance.now()
      await page()
      if (i > 0) afterChange.push(performance.now() - t1) // the first is a warm-up
    }
    afterChange.sort((a, b) => a - b)
    const changedMs = afterChange[Math.floor(afterChange.length / 2)]!

    // The same context the route builds, computed once: what is left is rendering.
    const details = await getEvaluation(db, actor, ev.id)
    const view = openResults(await getResults(db, actor, ev.id))
    const context = {
      ev: details, nav: evaluationNav(details, 'results'), view, ...resultsModel(details, view, 'vi'), threshold: details.threshold, downloads: resultDownloads(details, 'vi'),
      lang: 'vi', title: t('vi', 'results.title'), user, csrfToken: 'x'.repeat(40), switchLangUrl: `${url}?lang=en`,
    }
    const render = compileViews()
    const bare = Fastify({ logger: false })
    bare.get('/precomputed', async (_req, reply) => reply.type('text/html; charset=utf-8').send(render(context)))
    await bare.ready()
    const baseline = async () => {
      const res = await bare.inject({ method: 'GET', url: '/precomputed' })
      return res.body.length
    }
    const baselineBytes = await baseline()
    const baselineMs = await medianMs(baseline, 2, runs)
    await bare.close()

    // Where the page's time goes, for whoever makes it faster.
    const parts: [string, () => Promise<unknown> | unknown][] = [
      ['getEvaluation', () => getEvaluation(db, actor, ev.id)],
      ['getResults', () => getResults(db, actor, ev.id)],
      ['resultsModel (view model, charts)', () => resultsModel(details, view, 'vi')],
    ]
    const breakdown: Row[] = []
    for (const [name, run] of parts) breakdown.push({ name: `(b) of which ${name}`, value: await medianMs(run, 1, 3), unit: 'ms', target: 'information' })
    const getResultsAfterChange: number[] = []
    for (let i = 0; i < runs; i++) {
      await changeOne()
      const t1 = performance.now()
      await getResults(db, actor, ev.id)
      getResultsAfterChange.push(performance.now() - t1)
    }
    getResultsAfterChange.sort((a, b) => a - b)
    breakdown.push({ name: '(b) of which getResults right after one rating changed', value: getResultsAfterChange[Math.floor(runs / 2)]!, unit: 'ms', target: 'information' })

    const ratio = warmMs / baselineMs
    return [
      { name: `(b) results page, ${file.candidates.length} candidates × 200 criteria × ${file.members.length} raters (${file.ratings.length} ratings), ${(bytes / 1024).toFixed(0)} KB`, value: warmMs, unit: 'ms', baseline: baselineMs, ratio, ratioLabel: '× precomputed', target: '≤ 3 × precomputed (§10)', met: ratio <= 3 },
      { name: `(b) the same page right after one rating changed (cache invalidated; median of ${runs}, runs ${afterChange[0]!.toFixed(1)}–${afterChange.at(-1)!.toFixed(1)} ms)`, value: changedMs, unit: 'ms', baseline: baselineMs, ratio: changedMs / baselineMs, ratioLabel: '× precomputed', target: '≤ 3 × precomputed (§10, issue #14)', met: changedMs / baselineMs <= 3 },
      { name: '(b) the same page, first request after start (nothing cached)', value: coldMs, unit: 'ms', baseline: baselineMs, ratio: coldMs / baselineMs, ratioLabel: '× precomputed', target: 'information' },
      { name: `(b) baseline page size (same template, precomputed context)`, value: baselineBytes / 1024, unit: 'KB', target: 'information' },
      ...breakdown,
    ]
  } finally {
    await app.close()
    await closeDb(db)
    await closeRenderPool()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void benchResultsPage().then((rows) => console.log(markdownTable(rows)))
}
