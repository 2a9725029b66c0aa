// Encrypts secrets at rest (access-key secrets) with AES-256-GCM under a master key that lives
// in the data directory, outside the database: a copied database alone reveals no secret.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'

const VERSION = 'v1'

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error(`master key must be 32 bytes, got ${key.length}`)
    return new SecretBox(key)
  }

  static generateKey(): Buffer {
    return randomBytes(32)
  }

  seal(plain: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':')
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(':')
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('sealed secret has an unknown format')
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'))
    decipher.setAuthTag(Buffer.from(tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
  }

  /** A value stored beside the data so start-up can tell the wrong master key from a broken one. */
  fingerprint(): string {
    return createHmac('sha256', this.key).update('qinglocal master key check').digest('base64')
  }
}
