// Server certificates (nav group Load balancers).
import { area } from './area.ts'

export default area(
  'certificates',
  {
    'certificates.title': 'Server certificates',
    'certificates.id': 'ID',
    'certificates.name': 'Name',
    'certificates.description': 'Description',
    'certificates.content': 'Certificate (PEM)',
    'certificates.created': 'Created',
    'certificates.blocks': '{count} certificate(s)',
    'certificates.create': 'Create certificate',
    'certificates.contentHint': 'The server certificate, then any chain certificates, in PEM.',
    'certificates.privateKey': 'Private key (PEM)',
    'certificates.privateKeyHint': 'The unencrypted private key of the certificate.',
    'certificates.modifyTitle': 'Modify {id}',
    'certificates.confirmDelete': 'Delete {ids}? A certificate a listener still presents cannot be deleted.',
  },
  {
    'certificates.title': '服务器证书',
    'certificates.id': 'ID',
    'certificates.name': '名称',
    'certificates.description': '描述',
    'certificates.content': '证书内容 (PEM)',
    'certificates.created': '创建时间',
    'certificates.blocks': '{count} 个证书',
    'certificates.create': '创建证书',
    'certificates.contentHint': 'PEM 格式的服务器证书，其后可附中间证书链。',
    'certificates.privateKey': '私钥 (PEM)',
    'certificates.privateKeyHint': '证书对应的未加密私钥。',
    'certificates.modifyTitle': '修改 {id}',
    'certificates.confirmDelete': '删除 {ids}？仍被监听器使用的证书无法删除。',
  },
)
