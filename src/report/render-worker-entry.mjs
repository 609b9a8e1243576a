// Worker bootstrap in plain JavaScript: Node 20 does not apply `--import` loaders to a worker's
// entry module, so the worker registers tsx itself and then loads the TypeScript worker.
import { register } from 'tsx/esm/api'

register()
await import('./render-worker.ts')
