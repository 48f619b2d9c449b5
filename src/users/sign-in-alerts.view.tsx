import { CsrfField, Notice } from '../desk/desk-layout.js';
import { t } from '../desk/desk-words.js';
import { formatTime } from '../ui/time.js';
import type { SignInAlert } from './sign-in-trust.repo.js';

/** The dashboard's notice that the account was locked by failed sign-ins: when and from which addresses. */
export function SignInAlerts(props: { alerts: SignInAlert[]; csrf: string; timeZone: string }) {
  if (props.alerts.length === 0) return null;
  return (
    <div class="panel" id="sign-in-alerts">
      <Notice kind="error">{t('desk.alerts.locked', { count: props.alerts.length })}</Notice>
      {props.alerts.map((alert) => (
        <ul>
          {alert.attempts.map((a) => (
            <li>
              {t('desk.alerts.attempt', {
                when: formatTime(a.at, props.timeZone),
                address: a.ip || t('desk.alerts.unknownAddress'),
              })}
            </li>
          ))}
        </ul>
      ))}
      <form method="post" action="/desk/sign-in-alerts/dismiss">
        <CsrfField token={props.csrf} />
        <button type="submit" class="secondary">
          {t('desk.alerts.dismiss')}
        </button>
      </form>
    </div>
  );
}
