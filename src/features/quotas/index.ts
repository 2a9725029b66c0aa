// Quotas (reference 3.12, issue 5 item 6): platform defaults, per-user-per-zone overrides by an
// administrator, -1 for unlimited, and requireQuota (quota-check.ts), which every creating or
// growing action calls before writing: 2500 QuotasExceeded when the request does not fit.
// Usage is counted from the resource tables (gone resources excluded) plus reservations
// (reservations.ts): growth a pending job will make (ResizeInstances, ResizeVolumes, ResizeCluster)
// is a row written with `reserve` in the request's transaction and deleted by the job runner when
// the job ends, successful or failed. Tags are user-wide: their quota is kept under zone '' and
// counts every zone.
// Limitations: `resource_types` names outside the catalogue (hp_cpu, router, …) answer 1100;
// GrantQuotaIndep / RevokeQuotaIndep
// (sub-account quotas) are not offered; a RunInstances dry run does not check quotas.
import type { Action } from '../../protocol/action.ts'
import { describeQuotaDefaults } from './actions/describe-quota-defaults.ts'
import { describeQuotas } from './actions/describe-quotas.ts'
import { describeUserQuotas } from './actions/describe-user-quotas.ts'
import { getQuotaLeft } from './actions/get-quota-left.ts'
import { modifyQuotaDefaults } from './actions/modify-quota-defaults.ts'
import { resetUserQuotas } from './actions/reset-user-quotas.ts'
import { setUserQuotas } from './actions/set-user-quotas.ts'

/** Module /iaas/: the caller's own quotas. */
export const quotaActions: Action[] = [getQuotaLeft, describeQuotas]

/** Module /admin/: platform defaults and per-user overrides. */
export const quotaAdminActions: Action[] = [describeQuotaDefaults, modifyQuotaDefaults, describeUserQuotas, setUserQuotas, resetUserQuotas]
