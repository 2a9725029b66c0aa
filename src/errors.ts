// The error catalogue: every ret_code QingLocal can answer, defined once. docs/errors.md is
// generated from this table (npm run docs:errors) and a test fails when the two drift apart.
// Names are the message prefixes real clients match on (CSI and the CCM parse `PermissionDenied, …`).

export type ErrorClass = 'client' | 'license' | 'server' | 'config'

export interface ErrorDefinition {
  code: number
  class: ErrorClass
  /** The seed catalogue's Chinese description, verbatim. */
  zh: string
  /** What the code means, in English. */
  en: string
  /** How a user provokes it in QingLocal today; null while no behaviour produces it yet. */
  trigger: string | null
}

export const catalogue = {
  // ── client errors ──────────────────────────────────────────────────────────────────────────
  InvalidRequestFormat: {
    code: 1100,
    class: 'client',
    zh: '消息格式错误',
    en: 'A required parameter is missing or a value has the wrong format.',
    trigger:
      "Omit `action` or a required parameter, send `limit=abc`, a `time_stamp` that is not `YYYY-MM-DDThh:mm:ssZ`, or the same parameter twice; CreateRouters with a `vpc_network` other than 192.168.0.0/16 or 172.16–172.31.0.0/16 (`parameter vpc_network [10.0.0.0/16] must be …`). JoinRouter with an `ip_network` that is not a CIDR network, outside the router's `vpc_network` (`ip_network [172.16.1.0/24] is not inside the VPC network [192.168.0.0/16] of router [rtr-…]`) or overlapping another vxnet of the router (`ip_network [192.168.10.0/25] overlaps [192.168.10.0/24] of vxnet [vxnet-…] in router [rtr-…]`), `features` other than 1, or a `manager_ip` / DHCP range outside the network. Also the `error_codes` of a job whose stored payload (written by an older version) no longer fits its action's declared payload: the job fails and the reason is logged.",
  },
  InvalidRequestMethod: {
    code: 1101,
    class: 'client',
    zh: '请求方法错误',
    en: 'The action does not exist in this API module.',
    trigger: 'Send a signed request with `action=NoSuchAction`.',
  },
  AuthFailure: {
    code: 1200,
    class: 'client',
    zh: '身份验证失败',
    en: 'The access key is unknown or not active, or the signature does not match.',
    trigger: 'Sign with a wrong secret, change any parameter after signing, or use an access key id that does not exist.',
  },
  RequestHasExpired: {
    code: 1300,
    class: 'client',
    zh: '消息已过期',
    en: 'The request time stamp is outside the accepted window, or its `expires` has passed.',
    trigger: 'Send a `time_stamp` more than 60 seconds (QINGLOCAL_TIMESTAMP_WINDOW) away from the server clock, or an `expires` in the past.',
  },
  PermissionDenied: {
    code: 1400,
    class: 'client',
    zh: '访问被拒绝',
    en: 'The resource belongs to someone else, the caller may not perform the action, or the resource is in a state that forbids it.',
    trigger:
      "Stop an instance that is not running (`instance [i-…] is not running, can not be stopped`), act on a resource in transition (`… is [stopping], please try later`), name another user's resource in a mutating action, sign an `/admin/` action with a non-admin's key, call a zone-scoped action with a `zone` the platform does not offer (`access denied for zone [xx1a]`), CreateVolumeFromSnapshot from a snapshot still being taken (the CSI driver's `snapshot [ss-…] is not available, can not create volume from it`), delete the default security group, or change the statics of a deleted router (`router [rtr-…] is deleted, its statics can not be changed`). VPCs: JoinRouter of a self-managed vxnet, of one already joined to a router (`vxnet [vxnet-…] is already joined to router [rtr-…], a vxnet joins one router: leave it first`), or to a router that is not active or poweroffed (`router [rtr-…] is [suspended], vxnets can join only an active or poweroffed router`); LeaveRouter of a vxnet not joined to that router; JoinVxnet into a vxnet still joining or leaving its router (`… is [joining] router [rtr-…], please try later`); NICs: AttachNics of a NIC that is not `available` or to an instance that is not running or stopped (`nic [52:54:…] is [in-use], can not be attached`, `instance [i-…] is [terminated], NICs can not be attached to it`) or that already has a NIC in that vxnet, DetachNics of a NIC that is not `in-use` or is its instance's primary NIC, ModifyNicAttributes changing the address of an attached NIC, DeleteNics of an attached NIC (`nic [52:54:…] is attached to instance [i-…], can not be deleted: detach it first`); DeleteRouters on a router still `pending` (`router [rtr-…] is pending, can not be deleted before it is active`), PowerOnRouters, PowerOffRouters or UpdateRouters on a router in the wrong state (`router [rtr-…] is not active, can not be updated`), DissociateEips on an EIP bound to a router (`… is bound to router [rtr-…], unbind it with ModifyRouterAttributes`).",
  },
  RegisterFailed: {
    code: 1500,
    class: 'client',
    zh: '注册用户失败',
    en: 'Registration failed.',
    trigger: 'Register (`/account/`) while registration is `closed`, in `invite` mode without a valid unused invite code, or with a password that fails the policy; VerifyEmail with an unknown, used or expired token.',
  },
  UserAlreadyExisted: {
    code: 1510,
    class: 'client',
    zh: '帐号已存在',
    en: 'An account with this identity already exists.',
    trigger: 'Register (`/account/`) with an email that is already registered, in any letter case.',
  },
  IllegalUserId: {
    code: 1520,
    class: 'client',
    zh: '帐号格式不合法',
    en: 'The account name or email does not have a valid format.',
    trigger: 'Register (`/account/`) with a malformed `email` or `user_name` (the message says which).',
  },
  LoginFailed: {
    code: 1600,
    class: 'client',
    zh: '登录失败',
    en: 'Login failed.',
    trigger:
      'Login after QINGLOCAL_LOGIN_MAX_FAILURES (5) wrong passwords in a row: the account is locked for QINGLOCAL_LOGIN_LOCK_MINUTES and the message says until when. With `login_errors=generic` an unknown email is locked the same way, so the answers do not tell it from an account.',
  },
  UserNotFound: {
    code: 1610,
    class: 'client',
    zh: '找不到该用户',
    en: 'No user with this name exists.',
    trigger: 'Login with an unknown email while the platform setting `login_errors` is `detailed` (ModifyPlatformSettings or QINGLOCAL_LOGIN_ERRORS).',
  },
  PasswordNotMatched: {
    code: 1620,
    class: 'client',
    zh: '密码不匹配',
    en: 'The password is wrong.',
    trigger: 'Login with a wrong password while `login_errors` is `detailed`, or ChangePassword with a wrong `old_password`.',
  },
  ResetPasswordFailed: {
    code: 1630,
    class: 'client',
    zh: '重置密码失败',
    en: 'The new password does not meet the password rules.',
    trigger: "ChangePassword, ResetPassword or the admin's ResetUserPassword with a password that fails the policy (8–128 characters, letters and digits, not the email) or equals the current one.",
  },
  ResetPasswordTooOften: {
    code: 1640,
    class: 'client',
    zh: '重置密码过于频繁',
    en: 'Password resets were requested too often.',
    trigger: 'RequestPasswordReset for the same address more than QINGLOCAL_RESET_MAX_REQUESTS (3) times within QINGLOCAL_RESET_WINDOW_MINUTES (60), whether or not the address is registered.',
  },
  InvalidResetToken: {
    code: 1650,
    class: 'client',
    zh: '无效的密码重置 token',
    en: 'The password-reset token is unknown, expired or already used.',
    trigger: 'ResetPassword with a token that is unknown, used, replaced by a newer reset mail or older than 60 minutes.',
  },
  UserOrPasswordNotMatched: {
    code: 1660,
    class: 'client',
    zh: '用户名或密码不匹配',
    en: 'The user name or the password is wrong.',
    trigger: 'Login with an unknown email or a wrong password (the default `login_errors=generic`, so accounts cannot be enumerated).',
  },
  RegistrationNotFinished: {
    code: 1661,
    class: 'client',
    zh: '用户未完成注册',
    en: 'The account has not finished registration (email not verified).',
    trigger: 'Login with the right password to an account whose email is not verified yet.',
  },
  AccessDenied: {
    code: 1662,
    class: 'client',
    zh: '用户已被禁止访问',
    en: 'The user is banned.',
    trigger: "After the admin's BanUsers: Login with the right password, any request on the user's existing session, or any signed request with one of their access keys.",
  },
  SessionExpired: {
    code: 2000,
    class: 'client',
    zh: '登录会话过期',
    en: 'The login session was idle too long or reached its lifetime.',
    trigger: 'A session-authenticated `/account/` action with no session, after Logout, after QINGLOCAL_SESSION_IDLE_MINUTES (30) without a request, or QINGLOCAL_SESSION_LIFETIME_HOURS (12) after login.',
  },
  ResourceNotFound: {
    code: 2100,
    class: 'client',
    zh: '找不到资源',
    en: 'A resource named by a mutating action does not exist.',
    trigger: "Name an id that does not exist in the request's zone in a mutating action, e.g. `StopInstances` with `instances.1=i-nothere1` (Describe actions answer an empty set instead).",
  },
  ResourceAlreadyExisted: {
    code: 2110,
    class: 'client',
    zh: '资源已存在',
    en: 'The resource to create already exists.',
    trigger:
      "CreateTag with a `tag_name` the caller already uses, or ModifyTagAttributes renaming a tag onto another of their tags' names (`tag name [x] already existed`); JoinVxnet / RunInstances with `vxnet=vxnet-…|192.168.0.2` when that address is already held in the vxnet (`address [ip] is already used in vxnet [vxnet-…]`); AddRouterStaticEntries / ModifyRouterStaticEntryAttributes with a VPN user name the static already has (`… is already a user of router static [rtrs-…]`); CreateNics `private_ips.N` and ModifyNicAttributes `private_ip` naming an address another NIC or instance holds; CreateLoadBalancer, LoadBalancerJoinVxnet and ModifyLoadBalancerAttributes with a `private_ip` already held in the vxnet; AddLoadBalancerListeners with a port a listener of that load balancer already uses on the same transport (tcp family or udp); AddLoadBalancerBackends / ModifyLoadBalancerBackendAttributes putting the same resource and port on a listener twice.",
  },
  LeaseFailed: {
    code: 2200,
    class: 'client',
    zh: '租赁资源失败',
    en: 'The billing lease for a new resource could not be made.',
    trigger:
      "Create a billable resource under a plan QingLocal cannot lease: `RunInstances … charge_mode=yearly` (only `elastic` and `monthly` exist), `charge_mode=monthly` without a `duration`, `CreateVolumes … duration=2w`; or in a zone whose price list lacks what the resource needs (the admin's `DeletePrices`). Nothing is created or charged.",
  },
  UnleaseFailed: {
    code: 2300,
    class: 'client',
    zh: '解除租赁失败',
    en: 'The billing lease could not be ended.',
    trigger:
      "Delete a resource whose prepaid term is still running: `RunInstances … charge_mode=monthly duration=1m`, then `TerminateInstances` before the month is over (`instance [i-…] is prepaid until 2026-02-15T08:00:00Z and can not be deleted before then`). An admin's `UnleaseResources` turns the term into pay-as-you-go so the owner can delete it.",
  },
  InsufficientBalance: {
    code: 2400,
    class: 'client',
    zh: '余额不足',
    en: 'The account balance does not cover the charge.',
    trigger:
      "Create or resize something whose first charge (the first hour, or the whole prepaid term) exceeds the balance: a user with 0.20 yuan runs `RunInstances instance_type=c1m1 count=3` (3 × 0.07), or with 0.09 yuan `CreateRouters router_type=0` (0.10 an hour; PowerOnRouters leases again the same way). Nothing is created. New accounts start with 0; the admin's `Recharge` adds money.",
  },
  QuotasExceeded: {
    code: 2500,
    class: 'client',
    zh: '超过配额',
    en: 'A resource quota or the API request quota is exhausted.',
    trigger:
      "Go over a resource quota (instances, vCPUs, memory, volumes, volume GB, key pairs, tags, routers): e.g. the admin's `SetUserQuotas user=usr-… zone=pek3a instance=3`, then `RunInstances count=4` (`you only have 3 instance quota left currently`). Or make more signed API requests than QINGLOCAL_API_DAILY_LIMIT in one day (it resets at midnight in QINGLOCAL_TIMEZONE), or more than QINGLOCAL_API_BURST_LIMIT within QINGLOCAL_API_BURST_SECONDS.",
  },
  InvalidAPIModule: {
    code: 3300,
    class: 'client',
    zh: '无效的 API 模块',
    en: 'The request path names no API module.',
    trigger: 'Send any request to a path that is not a registered module, e.g. `GET /nosuch/?action=DescribeZones`.',
  },
  // ── license errors ─────────────────────────────────────────────────────────────────────────
  InvalidLicense: {
    code: 4000,
    class: 'license',
    zh: '无效的证书',
    en: 'The license certificate is invalid (bad signature).',
    trigger: "The admin's `LoadLicense license=…` with a certificate changed after signing, or signed by a key other than QINGLOCAL_LICENSE_PUBLIC_KEY (also stops start-up from QINGLOCAL_LICENSE_FILE).",
  },
  LicenseExpired: {
    code: 4001,
    class: 'license',
    zh: '授权证书已经过期',
    en: 'The license certificate has expired.',
    trigger:
      '`LoadLicense` with a certificate whose `expires` is not after the platform clock (`qinglocal license issue --expires 2020-01-01 …`); or RunInstances / DeployAppVersion on a platform with more hosts than QINGLOCAL_UNLICENSED_HOSTS once its license has expired.',
  },
  LicenseAlreadyExisted: {
    code: 4002,
    class: 'license',
    zh: '平台已有相同的授权证书',
    en: 'The same license certificate is already loaded.',
    trigger: '`LoadLicense` twice with the same certificate, however it is formatted (the id is the SHA-256 of its canonical JSON).',
  },
  LicenseOutOfLimit: {
    code: 4003,
    class: 'license',
    zh: '超出证书授权',
    en: 'The platform would exceed what the license allows.',
    trigger: "`AddHosts` beyond the loaded license's `max_hosts`, counting the hosts of every zone; or RunInstances / DeployAppVersion while the platform has more hosts than the license in force allows.",
  },
  LoadLicenseFailed: {
    code: 4004,
    class: 'license',
    zh: '加载授权证书失败',
    en: 'The license certificate could not be read or is for another platform.',
    trigger: '`LoadLicense` with text that is not a certificate, a malformed license, one issued for another QINGLOCAL_PLATFORM_ID, or when no QINGLOCAL_LICENSE_PUBLIC_KEY is configured.',
  },
  LicenseNotFound: {
    code: 4005,
    class: 'license',
    zh: '找不到授权证书',
    en: 'No valid license is loaded.',
    trigger:
      '`AddHosts` that would take the platform beyond QINGLOCAL_UNLICENSED_HOSTS (default 16) hosts while no valid license is loaded (never loaded, or expired). Reads keep working. Also RunInstances / DeployAppVersion on a platform beyond that allowance with no license ever loaded.',
  },
  // ── server errors ──────────────────────────────────────────────────────────────────────────
  InternalError: {
    code: 5000,
    class: 'server',
    zh: '内部错误',
    en: 'An unexpected server failure; the message carries the request id to look up in the log.',
    trigger: 'Any unexpected failure inside an action, e.g. the database going away mid-request. The message names only the request id.',
  },
  ServerBusy: {
    code: 5100,
    class: 'server',
    zh: '服务器繁忙',
    en: 'The server is overloaded or the request timed out; retry later.',
    trigger:
      "More than QINGLOCAL_MAX_IN_FLIGHT API requests at once, or more than QINGLOCAL_MAX_IN_FLIGHT_PER_USER of one user (the extra ones are answered at once), or a request not answered within QINGLOCAL_REQUEST_TIMEOUT_MS (answered then; its transaction rolls back unless its commit was already under way). Or an admin's `ArmFault fault_action=DescribeZones ret_code=5100`.",
  },
  InsufficientResources: {
    code: 5200,
    class: 'server',
    zh: '资源不足',
    en: 'No host has the capacity the request needs.',
    trigger:
      "RunInstances or ResizeInstances asking for more CPU or memory than any active host of the zone has free (hosts: QINGLOCAL_HOSTS_PER_ZONE × QINGLOCAL_HOST_CPU / QINGLOCAL_HOST_MEMORY; draining hosts take no new instances); AllocateEips asking for more addresses than the zone's EIP pool has free (QINGLOCAL_EIP_POOL_SIZE per zone); CreateVxnets beyond 256 managed networks of one user in a zone; CreateNics (or JoinVxnet, RunInstances) in a vxnet with no free address left (`vxnet [vxnet-…] has no free address left (192.168.0.0/24)`). Nothing is created or changed.",
  },
  ServerUpdating: {
    code: 5300,
    class: 'server',
    zh: '服务更新中',
    en: 'The platform is in maintenance; mutating actions are refused.',
    trigger: "The admin's `StartMaintenance` (optionally `end_time=…`), then any action that is not a read (Describe*/Get*, Login, Logout) in any module, e.g. `RunInstances`. Jobs already queued still finish.",
  },
  ResourceDependence: {
    code: 5400,
    class: 'server',
    zh: '存在依赖关系',
    en: 'The resource still has dependants.',
    trigger:
      "DeleteKeyPairs on a key pair still attached to an instance that is not terminated (`keypair [kp-…] is still attached to instance [i-…], detach it first`), or the admin's `RemoveHosts` on a host still carrying instances (drain it with `DrainHosts`, terminate them, then remove it); DeleteSecurityGroups on a group an instance or a VPC router is still in; DeleteRouters on a router with vxnets still joined (`router [rtr-…] still has vxnet [vxnet-…], it must leave the router first (LeaveRouter)`); DeleteVxnets on a vxnet with members (instances, or NICs not attached to any: `vxnet [vxnet-…] still has NIC [52:54:…], delete it first`) or still joined to a router (`vxnet [vxnet-…] is still joined to router [rtr-…], it must leave the router first (LeaveRouter)`); LeaveRouter of a vxnet with members; JoinRouter of a vxnet with members (their addresses would be outside the new network). Load balancers: DeleteVxnets of a vxnet a load balancer is in (`vxnet [vxnet-…] still has load balancer [lb-…], it must leave the vxnet first`), ReleaseEips of an EIP bound to a load balancer, DeleteSecurityGroups of a group a load balancer uses, DeleteServerCertificates of a certificate a listener presents (`server certificate [sc-…] is still used by listener [lbl-…], dissociate it from the listener first`), DeleteLoadBalancerPolicies of a policy a backend follows.",
  },
  WarehouseNotEnabled: {
    code: 5500,
    class: 'server',
    zh: 'Warehouse 服务未开启',
    en: 'The image warehouse service is not enabled.',
    trigger: "`CaptureInstance`, `ImportImage` or `ExportImage` while the warehouse is off (the default; the admin's `EnableWarehouse` turns it on).",
  },
  UnsupportedVolumeType: {
    code: 5600,
    class: 'server',
    zh: '不支持的硬盘类型',
    en: 'An encrypted volume cannot be attached to this instance.',
    trigger: 'Attach an encrypted volume (`CreateVolumes encryption=1`) to an instance whose image lacks encrypted-disk support (e.g. `centos64x64`), or RunInstances from such an image with `os_disk_encryption=1`.',
  },
  // ── configuration-file errors ──────────────────────────────────────────────────────────────
  InvalidConfigParameter: {
    code: 8000,
    class: 'config',
    zh: '命令参数验证失败',
    en: 'A parameter in the configuration file fails validation.',
    trigger:
      'DeployAppVersion with a `conf` that is not JSON, or whose env fails the version\'s template: `{"cluster":{"vxnet":"vxnet-0"},"env":{"port":"6379"}}` for `appv-redis705` (port must be an integer from 1024 to 65535); also an unknown or missing required env parameter, or a cluster value of the wrong type.',
  },
  ConfigImageNotFound: {
    code: 8001,
    class: 'config',
    zh: '配置文件中无任何镜像',
    en: 'The configuration names no image.',
    trigger: 'DeployAppVersion of a version whose role has no image in any zone (published with CreateAppVersion without `images`) and a conf that names no `cluster.<role>.image`.',
  },
  ConfigImageNotInZone: {
    code: 8002,
    class: 'config',
    zh: '配置文件中镜像在指定区不存在',
    en: 'An image named by the configuration does not exist in the zone.',
    trigger:
      'DeployAppVersion in a zone where the version has no image for a role, or where the image it (or `cluster.<role>.image`) names does not exist: `{"cluster":{"vxnet":"vxnet-0","zk_node":{"image":"img-nothere0"}}}` for `appv-zookp385`.',
  },
  InvalidClusterSetting: {
    code: 8003,
    class: 'config',
    zh: '无效的集群设置',
    en: 'The cluster settings in the configuration are invalid.',
    trigger:
      'DeployAppVersion whose cluster settings cannot be: no `cluster.vxnet`, an unknown role, a node count outside the role\'s range (`{"cluster":{"vxnet":"vxnet-0","master":{"count":2}}}` for `appv-redis705`, which takes 3 to 10 masters), a CPU/memory pair the role is not offered in, storage out of range. Also ResizeCluster, AddClusterNodes and DeleteClusterNodes beyond the role\'s shapes or counts.',
  },
  ConfigFileMissing: {
    code: 8004,
    class: 'config',
    zh: '缺少配置文件',
    en: 'The configuration file is missing.',
    trigger: 'DeployAppVersion without `conf` (or with an empty one); `qinglocal cluster deploy --conf` naming a file that does not exist or is empty says the same before sending anything.',
  },
} as const satisfies Record<string, ErrorDefinition>

export type ErrorName = keyof typeof catalogue

/** Thrown from anywhere; only protocol/reply.ts turns it into a wire body. */
export class ApiError extends Error {
  readonly code: number
  constructor(
    readonly errorName: ErrorName,
    readonly detail: string,
  ) {
    super(`${errorName}, ${detail}`)
    this.code = catalogue[errorName].code
  }
}

export const codeOf = (name: ErrorName): number => catalogue[name].code

export const allCodes = (): number[] => Object.values(catalogue).map((e) => e.code)
