import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { NotificationBell } from '../features/reports/NotificationBell.tsx';
import { useAuth, useSession } from './auth.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { SECTIONS } from './nav.ts';

const sameText = (a: string, b: string) =>
  a.trim().normalize('NFC').toLocaleLowerCase('vi') === b.trim().normalize('NFC').toLocaleLowerCase('vi');

/** Header, side navigation (filtered by permission) and the current screen. */
export function Layout() {
  const { t } = useTranslation();
  const { user, can } = useSession();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [leaving, setLeaving] = useState(false);
  // A password someone else set opens nothing but its replacement (the API refuses the rest): until it is
  // replaced, the console shows that form alone, whatever the address, and no menu that would lead nowhere.
  const mustChange = user.mustChangePassword;
  const [justChanged, setJustChanged] = useState(false);
  const wasMustChange = useRef(mustChange);
  useEffect(() => {
    if (wasMustChange.current && !mustChange) setJustChanged(true);
    wasMustChange.current = mustChange;
  }, [mustChange]);
  const shownPath = useRef(location.pathname);
  // The first admin is called "Quản trị hệ thống", like the role: say it once.
  const roleName = t(`roles.${user.role}`);

  // After client-side navigation, move focus to the new screen's heading so screen readers announce it.
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    document.querySelector<HTMLElement>('[data-page-heading]')?.focus();
  }, [location.pathname]);

  const signOut = async () => {
    setLeaving(true);
    navigate('/');
    await logout().catch(() => undefined);
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <div className="topbar-user">
          <span className="sr-only">{t('nav.signedInAs')}: </span>
          <span className="user-name">{user.fullName}</span>
          {sameText(user.fullName, roleName) ? null : <span className="user-role">{roleName}</span>}
        </div>
        <div className="topbar-actions">
          {can('reports.handle') && !mustChange ? <NotificationBell /> : null}
          <LanguageSwitch />
          {mustChange ? null : (
            <Link to="/password" className="button button-ghost">
              {t('nav.changePassword')}
            </Link>
          )}
          <button type="button" className="button button-ghost" disabled={leaving} onClick={signOut}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <div className="shell">
        {mustChange ? null : (
          <nav className="sidenav" aria-label={t('nav.label')}>
            <ul>
              {SECTIONS.filter((s) => can(s.permission)).map((s) => (
                <li key={s.path}>
                  <NavLink to={s.path} end={s.path === '/'}>
                    {t(`nav.${s.key}`)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <main id="main" className="main" tabIndex={-1}>
          {justChanged && !mustChange ? (
            <p className="notice" role="status">
              {t('password.done')}
            </p>
          ) : null}
          {/* Signing out: no page of the leaving user starts a request the ended session would refuse. */}
          {leaving ? null : mustChange ? <ChangePasswordPage /> : <Outlet />}
        </main>
      </div>
    </div>
  );
}
