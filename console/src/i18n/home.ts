// The overview page.
import { area } from './area.ts'

export default area(
  'home',
  {
    'home.title': 'Overview',
    'home.welcome': 'Welcome, {name}',
    'home.balance': 'Balance',
    'home.yuan': '¥{amount}',
    'home.resources': 'Resources in {zone}',
    'home.instances': 'Instances',
    'home.volumes': 'Volumes',
    'home.eips': 'EIPs',
    'home.keypairs': 'Key pairs',
    'home.securityGroups': 'Security groups',
  },
  {
    'home.title': '概览',
    'home.welcome': '欢迎，{name}',
    'home.balance': '账户余额',
    'home.yuan': '¥{amount}',
    'home.resources': '{zone} 中的资源',
    'home.instances': '主机',
    'home.volumes': '硬盘',
    'home.eips': '公网 IP',
    'home.keypairs': 'SSH 密钥',
    'home.securityGroups': '安全组',
  },
)
