import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../app/domain';

type AuditAction = (typeof AUDIT_ACTIONS)[number];
type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

function isAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
function isEntityType(value: string): value is AuditEntityType {
  return (AUDIT_ENTITY_TYPES as readonly string[]).includes(value);
}

/** Readable names for audit codes; a code the console does not know yet is shown as is. */
export function useAuditLabels() {
  const { t } = useTranslation();
  return {
    actionLabel: (action: string) => (isAction(action) ? t(`audit.actions.${action}`) : action),
    entityLabel: (type: string) => (isEntityType(type) ? t(`audit.entities.${type}`) : type),
  };
}
