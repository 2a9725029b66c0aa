// Jobs: the asynchronous half of actions, as rows moved on by job-runner.ts. Limitations:
// `verbose` is accepted and changes nothing; jobs are never purged; a job's `directive` is always "".
import { describeJobs } from './actions/describe-jobs.ts'

export const jobActions = [describeJobs]
