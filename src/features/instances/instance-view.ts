// An instance as DescribeInstances shows it: the row plus its image, tags, networks (vxnets with
// their private_ip) and associated EIP and, with verbose=1, its volumes, key pairs and security group. Shapes follow the Go SDK's Instance type (plain json.Unmarshal: numbers
// stay numbers, absent objects are empty rather than null where clients dereference them).
import type { CacheEpoch } from '../../store/cache-epoch.ts'
import type { Queryable } from '../../store/database.ts'
import type { InstanceTable } from '../../store/database.ts'
import { associatedEipsOf } from '../eips/eip-repo.ts'
import { imageSummaries } from '../images/image-repo.ts'
import { keyPairIdsOf } from '../keypairs/keypair-repo.ts'
import { groupSummaries } from '../security-groups/security-group-repo.ts'
import { tagsOf } from '../tags/tag-repo.ts'
import { attachedVolumesOf } from '../volumes/volume-repo.ts'
import { BASE_VXNET } from '../vxnets/vxnet-kind.ts'
import { nicsOfInstances } from '../vxnets/vxnet-repo.ts'

/** `owner`: whose listing this is (whose tags show). */
/** `epoch`: the store's cache epoch, under which the images are kept (images/image-repo.ts imageSummaries). */
export async function instanceViews(db: Queryable, owner: string, rows: readonly InstanceTable[], options: { verbose: boolean; epoch: CacheEpoch }) {
  const ids = rows.map((r) => r.instance_id)
  const imageKeys = [...new Map(rows.map((r) => [`${r.zone_id} ${r.image_id}`, { zone_id: r.zone_id, image_id: r.image_id }])).values()]
  const groupIds = [...new Set(rows.map((r) => r.security_group_id).filter(Boolean))]
  const [tags, images, volumes, keypairs, nics, eips, groups] = await Promise.all([
    tagsOf(db, owner, ids),
    imageSummaries(db, options.epoch, imageKeys),
    options.verbose ? attachedVolumesOf(db, ids) : [],
    options.verbose ? keyPairIdsOf(db, ids) : new Map<string, string[]>(),
    nicsOfInstances(db, ids),
    associatedEipsOf(db, ids),
    options.verbose ? groupSummaries(db, groupIds) : [],
  ])
  // the page's child rows by instance id: one lookup per row, not a scan of every child per row
  const nicsOf = groupBy(nics, (n) => n.instance_id)
  const eipOf = new Map(eips.toReversed().map((e) => [e.instance_id, e])) // the first, as find() chose
  const volumesOf = groupBy(volumes, (v) => v.instance_id)
  const groupOf = new Map(groups.map((g) => [g.security_group_id, g]))

  // one image object per image of the page, shared by its instances (the reply is only serialised)
  const imageViews = new Map<string, Record<string, unknown>>()
  const imageView = (row: InstanceTable) => {
    const key = `${row.zone_id} ${row.image_id}`
    let view = imageViews.get(key)
    if (!view) {
      const image = images.get(key)
      view = {
        image_id: row.image_id,
        image_name: image?.image_name ?? '',
        image_size: image?.size ?? 0,
        os_family: image?.os_family ?? '',
        platform: image?.platform ?? '',
        processor_type: image?.processor_type ?? '',
        provider: image?.provider ?? '',
        features: image?.features ?? 0,
      }
      imageViews.set(key, view)
    }
    return view
  }

  return rows.map((row) => {
    const image = images.get(`${row.zone_id} ${row.image_id}`)
    const eip = eipOf.get(row.instance_id)
    const view: Record<string, unknown> = {
      instance_id: row.instance_id,
      instance_name: row.instance_name,
      description: row.description,
      instance_type: row.instance_type,
      instance_class: row.instance_class,
      vcpus_current: row.vcpus_current,
      memory_current: row.memory_current,
      status: row.status,
      transition_status: row.transition_status,
      create_time: row.create_time,
      status_time: row.status_time,
      sub_code: 0,
      image: imageView(row),
      // the base network vxnet-0 has no row in vxnets: it is the platform's, in every zone
      vxnets: (nicsOf.get(row.instance_id) ?? []).map((n) => ({
        vxnet_id: n.vxnet_id,
        vxnet_name: n.vxnet_name ?? (n.vxnet_id === BASE_VXNET ? 'base network' : ''),
        vxnet_type: n.vxnet_type ?? 1,
        nic_id: n.nic_id,
        private_ip: n.private_ip,
        role: n.role,
      })),
      eip: eip ? { eip_id: eip.eip_id, eip_addr: eip.eip_addr, bandwidth: eip.bandwidth } : { eip_id: '', eip_addr: '', bandwidth: 0 },
      graphics_protocol: 'vnc',
      graphics_passwd: row.graphics_passwd,
      cpu_topology: '',
      alarm_status: '',
      dns_aliases: [],
      extra: { os_disk_size: row.os_disk_size, os_disk_encryption: row.os_disk_encryption, cpu_model: row.cpu_model, hypervisor: 'kvm', features: image?.features ?? 0 },
      hostname: row.hostname,
      host_machine: row.host_machine,
      tags: tags.get(row.instance_id) ?? [],
      owner: row.owner,
      root_user_id: row.owner,
      console_id: 'qingcloud',
      controller: 'self',
      zone_id: row.zone_id,
    }
    if (options.verbose) {
      const mine = volumesOf.get(row.instance_id) ?? []
      view.volume_ids = mine.map((v) => v.volume_id)
      view.volumes = mine.map((v) => ({ volume_id: v.volume_id, volume_name: v.volume_name, device: v.device, size: v.size, volume_type: v.volume_type }))
      view.keypair_ids = keypairs.get(row.instance_id) ?? []
      const group = groupOf.get(row.security_group_id)
      view.security_group = group ?? { security_group_id: '', security_group_name: '', is_default: 0 }
    }
    return view
  })
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = groups.get(k)
    if (list) list.push(item)
    else groups.set(k, [item])
  }
  return groups
}
