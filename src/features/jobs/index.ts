// Jobs. Limitations: no action creates jobs yet (issue #3 adds the runner), so DescribeJobs answers
// an empty set; `verbose` is accepted and changes nothing.
import { describeJobs } from './actions/describe-jobs.ts'

export const jobActions = [describeJobs]
