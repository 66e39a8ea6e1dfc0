// A Credo 0.6 agent for interop tests: @credo-ts/core and @credo-ts/openid4vc 0.6.3, keys in @credo-ts/node's
// NodeKeyManagementService (node:crypto, in memory; @credo-ts/node 0.6 exists only as 0.6.0-alpha on the registry),
// and records in the in-memory StorageService below (Credo ships storage only in askar, a native module).
import 'reflect-metadata'
import { EventEmitter } from 'node:events'
import { Agent, InjectionSymbols, JsonTransformer, Kms, RecordDuplicateError, RecordNotFoundError, X509Module } from '@credo-ts/core'
import type { AgentContext, BaseRecord, BaseRecordConstructor, FileSystem, Query, StorageService } from '@credo-ts/core'
import { NodeInMemoryKeyManagementStorage, NodeKeyManagementService } from '@credo-ts/node'
import { OpenId4VcModule } from '@credo-ts/openid4vc'
import type { Express } from 'express'

type AnyRecord = BaseRecord<any, any, any> // eslint-disable-line @typescript-eslint/no-explicit-any
type Tags = Record<string, unknown>

interface Stored {
  type: string
  json: unknown
  tags: Tags
}

/** Whether a record's tags match a Credo query (`$and`, `$or`, `$not`, values, arrays as "contains all"). */
function matches(tags: Tags, query: Query<AnyRecord>): boolean {
  const q = query as Record<string, unknown>
  if (Array.isArray(q.$and) && !q.$and.every((sub: Query<AnyRecord>) => matches(tags, sub))) return false
  if (Array.isArray(q.$or) && !q.$or.some((sub: Query<AnyRecord>) => matches(tags, sub))) return false
  if (q.$not !== undefined && matches(tags, q.$not as Query<AnyRecord>)) return false
  return Object.entries(q).filter(([k, v]) => !k.startsWith('$') && v !== undefined).every(([k, v]) => {
    const have = tags[k]
    if (Array.isArray(v)) return Array.isArray(have) && v.every((x) => have.includes(x))
    return have === v
  })
}

/** Records kept as JSON in a Map, the way Credo's own test suite keeps them. */
class InMemoryStorage implements StorageService<AnyRecord> {
  readonly supportsCursorPagination = false
  private readonly records = new Map<string, Stored>()

  private write(record: AnyRecord): void {
    this.records.set(`${record.type}:${record.id}`, { type: record.type, json: JsonTransformer.toJSON(record), tags: record.getTags() as Tags })
  }

  async save(_ctx: AgentContext, record: AnyRecord): Promise<void> {
    record.updatedAt = record.createdAt
    if (this.records.has(`${record.type}:${record.id}`)) throw new RecordDuplicateError(`record ${record.id} exists`, { recordType: record.type })
    this.write(record)
  }

  async update(_ctx: AgentContext, record: AnyRecord): Promise<void> {
    if (!this.records.has(`${record.type}:${record.id}`)) throw new RecordNotFoundError(`record ${record.id} not found`, { recordType: record.type })
    record.updatedAt = new Date()
    this.write(record)
  }

  async delete(ctx: AgentContext, record: AnyRecord): Promise<void> {
    await this.deleteById(ctx, record.constructor as BaseRecordConstructor<AnyRecord>, record.id)
  }

  async deleteById(_ctx: AgentContext, cls: BaseRecordConstructor<AnyRecord>, id: string): Promise<void> {
    if (!this.records.delete(`${cls.type}:${id}`)) throw new RecordNotFoundError(`record ${id} not found`, { recordType: cls.type })
  }

  async getById(_ctx: AgentContext, cls: BaseRecordConstructor<AnyRecord>, id: string): Promise<AnyRecord> {
    const stored = this.records.get(`${cls.type}:${id}`)
    if (stored === undefined) throw new RecordNotFoundError(`record ${id} not found`, { recordType: cls.type })
    return JsonTransformer.fromJSON(stored.json, cls)
  }

  async getAll(_ctx: AgentContext, cls: BaseRecordConstructor<AnyRecord>): Promise<AnyRecord[]> {
    return [...this.records.values()].filter((r) => r.type === cls.type).map((r) => JsonTransformer.fromJSON(r.json, cls))
  }

  async findByQuery(_ctx: AgentContext, cls: BaseRecordConstructor<AnyRecord>, query: Query<AnyRecord>): Promise<AnyRecord[]> {
    return [...this.records.values()].filter((r) => r.type === cls.type && matches(r.tags, query)).map((r) => JsonTransformer.fromJSON(r.json, cls))
  }
}

/** Credo reads and writes files only for DIDComm and caches we do not use: every file operation fails loudly. */
class NoFileSystem implements FileSystem {
  readonly dataPath = '/nonexistent/credo-data'
  readonly cachePath = '/nonexistent/credo-cache'
  readonly tempPath = '/nonexistent/credo-tmp'
  exists(): Promise<boolean> { return Promise.resolve(false) }
  createDirectory(): Promise<void> { return Promise.reject(new Error('no file system in this test agent')) }
  copyFile(): Promise<void> { return Promise.reject(new Error('no file system in this test agent')) }
  write(): Promise<void> { return Promise.reject(new Error('no file system in this test agent')) }
  read(): Promise<string> { return Promise.reject(new Error('no file system in this test agent')) }
  delete(): Promise<void> { return Promise.reject(new Error('no file system in this test agent')) }
  downloadToFile(): Promise<void> { return Promise.reject(new Error('no file system in this test agent')) }
}

/**
 * Starts a Credo agent trusting `trustedCertificates` (PEM or base64 DER): the holder API of @credo-ts/openid4vc, and
 * with `verifier` its verifier API, whose endpoints Credo mounts on `verifier.app` under `verifier.baseUrl`.
 */
export async function startCredoAgent(opts: { trustedCertificates: string[]; verifier?: { app: Express; baseUrl: string } }) {
  const storage = new InMemoryStorage()
  const agent = new Agent({
    config: { autoUpdateStorageOnStartup: true, allowInsecureHttpUrls: true },
    dependencies: { FileSystem: NoFileSystem, fetch, EventEmitterClass: EventEmitter, WebSocketClass: class {} as never },
    modules: {
      kms: new Kms.KeyManagementModule({ // Built against the alpha's nested copy of @credo-ts/core: the same KMS interface, other type identities.
      backends: [new NodeKeyManagementService(new NodeInMemoryKeyManagementStorage()) as never] }),
      x509: new X509Module({ trustedCertificates: opts.trustedCertificates as [string, ...string[]] }),
      openid4vc: new OpenId4VcModule<null, null>(opts.verifier !== undefined ? { app: opts.verifier.app, verifier: { baseUrl: opts.verifier.baseUrl } } : {}),
      storage: { register: (dm: { registerInstance(token: symbol, value: unknown): void }) => dm.registerInstance(InjectionSymbols.StorageService, storage) },
    },
  })
  await agent.initialize()
  return agent
}

export type CredoAgent = Awaited<ReturnType<typeof startCredoAgent>>
