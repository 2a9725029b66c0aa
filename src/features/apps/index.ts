// AppCenter apps (reference 3.14, issue 7): the catalogue of apps and their versions. Each version
// holds a configuration template (template.ts): roles with offered CPU/memory shapes, node-count
// and storage ranges, typed environment parameters; beside it, each role's image per zone. The
// platform ships a Redis cluster and a ZooKeeper ensemble (seed-apps.ts); an administrator
// publishes more with CreateApp and CreateAppVersion. Deploying a version is clusters/.
//
// Limitations: no developer workflow (submit, review, release), no app icons or attachments
// (`resource_kit` is empty), versions cannot be changed or suspended through the API once
// published, and only `cluster` apps exist; `sort_key` (DescribeApps, DescribeAppVersions) is
// accepted and ignored: lists are by creation time (`reverse=1` flips them).
import type { Action } from '../../protocol/action.ts'
import { createApp } from './actions/create-app.ts'
import { createAppVersion } from './actions/create-app-version.ts'
import { describeAppVersions } from './actions/describe-app-versions.ts'
import { describeApps } from './actions/describe-apps.ts'

/** Module /iaas/. */
export const appActions: Action[] = [describeApps, describeAppVersions]

/** Module /admin/: publishing apps. */
export const appAdminActions: Action[] = [createApp, createAppVersion]
