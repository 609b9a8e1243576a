// Runs in every test file of the `postgres` project: its databases are dropped after its tests.
import { afterAll } from 'vitest'
import { dropTestDatabases } from './test-db.ts'

afterAll(() => dropTestDatabases())
