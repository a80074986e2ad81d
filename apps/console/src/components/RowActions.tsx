import { Link } from 'react-router-dom';

interface ActionBase {
  label: string;
  /** Red outline: an action that takes something away (disable, delete, revoke). */
  danger?: boolean;
}

/** A button, or a link styled as one (another page; newTab for the screens that run at the centre). */
export type RowAction = ActionBase & ({ onClick(): void } | { to: string; newTab?: boolean });

interface RowActionsProps {
  /** Which row, told to screen readers after each label ("Sửa nguyen.van.a"). */
  name: string;
  /** In order; false and null leave an action out (one that does not apply to this row). */
  actions: readonly (RowAction | false | null)[];
}

/** The buttons at the end of a table row. Nothing is rendered when none applies. */
export function RowActions({ name, actions }: RowActionsProps) {
  const shown = actions.filter((a): a is RowAction => Boolean(a));
  if (shown.length === 0) return null;
  return (
    <div className="row-actions">
      {shown.map((action) => {
        const className = action.danger ? 'button button-small button-danger-outline' : 'button button-small';
        const text = (
          <>
            {action.label}
            <span className="sr-only"> {name}</span>
          </>
        );
        return 'to' in action ? (
          <Link
            key={action.label}
            to={action.to}
            className={className}
            {...(action.newTab ? { target: '_blank', rel: 'noopener' } : {})}
          >
            {text}
          </Link>
        ) : (
          <button key={action.label} type="button" className={className} onClick={action.onClick}>
            {text}
          </button>
        );
      })}
    </div>
  );
}
