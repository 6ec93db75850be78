/**
 * Guard for `pnpm test:mongo`: fails at once, with the fix, when MONGODB_URL is unset or the
 * server does not answer, instead of letting every MongoDB suite time out one by one (or, worse,
 * be reported as skipped while the run looks green).
 */
import { MongoClient } from 'mongodb'

const url = process.env.MONGODB_URL
const hint =
  'Start one, e.g. `docker run -d --name km-mongo -p 27017:27017 mongo:8.0.12 --replSet rs0` then\n' +
  "`docker exec km-mongo mongosh --quiet --eval 'rs.initiate()'`, and run:\n" +
  '  MONGODB_URL="mongodb://127.0.0.1:27017/?replicaSet=rs0&directConnection=true" pnpm test:mongo'

if (!url) {
  console.error(
    'test:mongo needs MONGODB_URL: the URL of a MongoDB replica set (Payload uses transactions).\n' +
      hint,
  )
  process.exit(1)
}
if (!/^mongodb(\+srv)?:\/\//.test(url)) {
  console.error(`MONGODB_URL must start with mongodb:// or mongodb+srv:// (got "${url}").`)
  process.exit(1)
}

const redacted = url.replace(/\/\/[^@/]*@/, '//***@')
const client = new MongoClient(url, { serverSelectionTimeoutMS: 3000, connectTimeoutMS: 3000 })
try {
  await client.connect()
  await client.db('admin').command({ ping: 1 })
  const hello = await client.db('admin').command({ hello: 1 })
  if (!hello.setName && hello.msg !== 'isdbgrid') {
    console.error(
      `MongoDB at ${redacted} is a standalone server; Payload's transactions need a replica set ` +
        '(a single-node one is enough: start mongod with --replSet rs0 and run rs.initiate()).',
    )
    process.exitCode = 1
  } else {
    console.log(`MongoDB at ${redacted} answers (${hello.setName ?? 'sharded cluster'}).`)
  }
} catch (err) {
  console.error(`MongoDB at ${redacted} does not answer: ${err.message}\n${hint}`)
  process.exitCode = 1
} finally {
  await client.close()
}
