import type { AuditAction, AuditEntityType } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../app/domain.ts';

function isAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
function isEntityType(value: string): value is AuditEntityType {
  return (AUDIT_ENTITY_TYPES as readonly string[]).includes(value);
}

/**
 * Readable names for audit codes. The contract lists every code the server writes and tsc checks that each has a
 * label; a code from an older or newer server than this console is shown as is.
 */
export function useAuditLabels() {
  const { t } = useTranslation();
  return {
    actionLabel: (action: string) => (isAction(action) ? t(`audit.actions.${action}`) : action),
    entityLabel: (type: string) => (isEntityType(type) ? t(`audit.entities.${type}`) : type),
  };
}
