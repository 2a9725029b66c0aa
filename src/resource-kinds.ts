// The resource registry: every family's kind, each written once in its own feature folder
// (features/*/…-kind.ts; features/resources/resource-kind.ts says what an entry holds). Billing,
// quotas, tags and the recycle bin iterate these lists, so a new family is one entry here plus its
// actions. Kind files import only types, resources/ helpers and small leaf modules (pricing:
// VOLUME_TYPES, listInstanceTypes), never anything importing this file, so importing it is cycle-free.
import { clusterKind } from './features/clusters/cluster-kind.ts'
import { eipKind } from './features/eips/eip-kind.ts'
import { imageKind } from './features/images/image-kind.ts'
import { instanceKind } from './features/instances/instance-kind.ts'
import { keypairKind } from './features/keypairs/keypair-kind.ts'
import { loadBalancerKind, loadBalancerPolicyKind, serverCertificateKind } from './features/loadbalancers/lb-kind.ts'
import { nicKind } from './features/nics/nic-kind.ts'
import { kindQuotaCounter } from './features/resources/kind-queries.ts'
import type { QuotaCounter, ResourceKind } from './features/resources/resource-kind.ts'
import { routerKind } from './features/routers/router-kind.ts'
import { securityGroupKind } from './features/security-groups/security-group-kind.ts'
import { snapshotKind } from './features/snapshots/snapshot-kind.ts'
import { tagQuota } from './features/tags/tag-quota.ts'
import { volumeKind } from './features/volumes/volume-kind.ts'
import { vxnetKind } from './features/vxnets/vxnet-kind.ts'

/** In this order AttachTags lists the taggable types in its 1100 message. */
export const resourceKinds: readonly ResourceKind[] = [
  instanceKind,
  volumeKind,
  imageKind,
  keypairKind,
  securityGroupKind,
  vxnetKind,
  eipKind,
  snapshotKind,
  clusterKind,
  routerKind,
  nicKind,
  loadBalancerKind,
  loadBalancerPolicyKind,
  serverCertificateKind,
]

/** What usageFor adds up: each kind's declared quota counting, and the features that count their own. */
export const quotaCounters: readonly QuotaCounter[] = [...resourceKinds.flatMap((k) => kindQuotaCounter(k) ?? []), tagQuota]
