// The worker thread of parse-pool.ts: parses raw messages as parseMail does, off the engine's
// main thread. Holds nothing between jobs; a job is parsed whole and answered whole.
import { parentPort } from 'node:worker_threads'
import { parseJob, type ParseJob, type ParseReply } from './parse-pool'

parentPort?.on('message', (job: ParseJob) => {
  void parseJob(job).then((parsed) => parentPort!.postMessage({ id: job.id, parsed } satisfies ParseReply))
})
