import { randomBytes } from 'node:crypto';
import type { ApiClient, CategoryAttribute, CategoryAttributesBody, IssuedApiClient } from '@dltt/contracts';
import type { Selectable } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Executor } from '../../db/executor.ts';
import type { ApiClientsTable } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CategoryRepository } from '../categories/categories.repository.ts';
import { open311Repository as repo } from './open311.repository.ts';
import { hashKey } from './open311.service.ts';

const presentClient = (r: Selectable<ApiClientsTable>): ApiClient => ({
  id: r.id,
  name: r.name,
  contact: r.contact,
  keyPrefix: r.key_prefix,
  createdAt: r.created_at.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

/** The console's side of Open311: API keys for named clients, and the extra attributes of each category. */
export function createOpen311AdminService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  categoryRepository: Pick<CategoryRepository, 'findById'>;
}) {
  const { db, clock, audit, categoryRepository } = deps;
  return {
    async clients(): Promise<ApiClient[]> {
      return (await repo.listClients(db)).map(presentClient);
    },

    /** Issues a key (256 random bits); only its SHA-256 is stored, so this answer is the only time it is seen. */
    issue(actor: Actor, body: { name: string; contact: string | null }): Promise<IssuedApiClient> {
      const apiKey = `dltt_${randomBytes(32).toString('base64url')}`;
      return db.transaction().execute(async (trx) => {
        const citizenId = await repo.createCitizen(trx);
        const row = await repo.insertClient(trx, {
          name: body.name,
          contact: body.contact,
          key_hash: hashKey(apiKey),
          key_prefix: apiKey.slice(0, 10),
          citizen_id: citizenId,
          created_by: actor.userId,
        });
        const client = presentClient(row);
        await audit.record(trx, actor, {
          action: 'api_client.issue',
          entityType: 'api_client',
          entityId: row.id,
          after: client,
        });
        return { ...client, apiKey };
      });
    },

    revoke(actor: Actor, id: string): Promise<ApiClient> {
      return db.transaction().execute(async (trx) => {
        const row = await repo.revokeClient(trx, id, clock.now());
        if (!row) {
          const existing = await repo.findClient(trx, id);
          if (!existing) throw new AppError('API_CLIENT_NOT_FOUND');
          return presentClient(existing);
        }
        const client = presentClient(row);
        await audit.record(trx, actor, {
          action: 'api_client.revoke',
          entityType: 'api_client',
          entityId: id,
          after: client,
        });
        return client;
      });
    },

    async attributes(categoryId: string): Promise<CategoryAttribute[]> {
      if (!(await categoryRepository.findById(db, categoryId))) throw new AppError('CATEGORY_NOT_FOUND');
      return (await repo.attributes(db, categoryId)).map((a) => ({
        code: a.code,
        datatype: a.datatype,
        description: a.description,
        datatypeDescription: a.datatype_description,
        required: a.required,
        order: a.sort_order,
        values: a.values,
      }));
    },

    async setAttributes(
      actor: Actor,
      categoryId: string,
      body: CategoryAttributesBody,
    ): Promise<CategoryAttribute[]> {
      await db.transaction().execute(async (trx) => {
        if (!(await categoryRepository.findById(trx, categoryId))) throw new AppError('CATEGORY_NOT_FOUND');
        const before = await repo.attributes(trx, categoryId);
        await repo.replaceAttributes(
          trx,
          categoryId,
          body.map((a) => ({
            code: a.code,
            datatype: a.datatype,
            description: a.description,
            datatype_description: a.datatypeDescription,
            required: a.required,
            sort_order: a.order,
            values: JSON.stringify(a.values),
          })),
        );
        await audit.record(trx, actor, {
          action: 'category.attributes',
          entityType: 'category',
          entityId: categoryId,
          before: before.map((a) => a.code),
          after: body,
        });
      });
      return this.attributes(categoryId);
    },
  };
}
export type Open311AdminService = ReturnType<typeof createOpen311AdminService>;
