// AppCenter clusters (reference 3.14, issue 7): DeployAppVersion checks a configuration file
// against the version's template (conf.ts) and creates the cluster; its nodes are instances made
// by the compute code (instances/launch.ts), so the license, quota, host capacity, price and
// balance checks of RunInstances apply, the nodes appear in DescribeInstances and are billed by
// their leases. A node instance is changed only through its cluster (instances/lifecycle.ts → 1400).
//
// Statuses: pending (creating) → active ⇄ stopped (starting/stopping); active/stopped → (deleting)
// → deleted, ceased by the recycle bin after two hours (direct_cease=1: at once). Resizes and node
// changes show `updating`. Each cluster action answers one job per cluster (`job_ids`) or one
// `job_id`; job resource ids name the cluster and its node instances (cluster-jobs.ts).
//
// Nodes go into the cluster's vxnet (vxnet-0 or one of the deployer's managed vxnets) and show
// their address there. Limitations: accepted and ignored: AddClusterNodes private_ips and
// resource_conf, DeleteClusters/DeleteClusterNodes force, DeployAppVersion app_type, debug and
// hypervisor, DescribeClusters/DescribeClusterNodes sort_key, DescribeClusterNodes console; node storage
// (volume_size) is recorded on the node, not created as a billed volume; the environment is stored (passwords sealed) but runs nothing, since no node boots real
// software; no CeaseClusters, RecoverClusters, upgrades, backups, scaling policies or custom
// services (their fields are empty, times null: the Go SDK refuses '' for a time; a node's
// health_check and monitor are {}, its env the cluster's in JSON with passwords ''); new nodes from AddClusterNodes are billed by the hour whatever the cluster's plan; a
// cluster whose nodes are suspended for arrears still shows `active`.
import type { Action } from '../../protocol/action.ts'
import { addClusterNodes } from './actions/add-cluster-nodes.ts'
import { deleteClusterNodes } from './actions/delete-cluster-nodes.ts'
import { deleteClusters } from './actions/delete-clusters.ts'
import { deployAppVersion } from './actions/deploy-app-version.ts'
import { describeClusterNodes } from './actions/describe-cluster-nodes.ts'
import { describeClusters } from './actions/describe-clusters.ts'
import { resizeCluster } from './actions/resize-cluster.ts'
import { startClusters } from './actions/start-clusters.ts'
import { stopClusters } from './actions/stop-clusters.ts'

export const clusterActions: Action[] = [deployAppVersion, describeClusters, describeClusterNodes, startClusters, stopClusters, deleteClusters, resizeCluster, addClusterNodes, deleteClusterNodes]
