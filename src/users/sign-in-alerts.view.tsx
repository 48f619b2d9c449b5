import { CsrfField, Notice } from '../desk/desk-layout.js';
import { formatTime } from '../ui/time.js';
import type { SignInAlert } from './sign-in-trust.repo.js';

/** The dashboard's notice that the account was locked by failed sign-ins: when and from which addresses. */
export function SignInAlerts(props: { alerts: SignInAlert[]; csrf: string; timeZone: string }) {
  if (props.alerts.length === 0) return null;
  return (
    <div class="panel" id="sign-in-alerts">
      <Notice kind="error">
        Your account was locked {props.alerts.length === 1 ? 'once' : `${props.alerts.length} times`} after failed
        sign-ins from browsers you have not used. If these were not you, change your password.
      </Notice>
      {props.alerts.map((alert) => (
        <ul>
          {alert.attempts.map((a) => (
            <li>
              {formatTime(a.at, props.timeZone)} from {a.ip || 'an unknown address'}
            </li>
          ))}
        </ul>
      ))}
      <form method="post" action="/desk/sign-in-alerts/dismiss">
        <CsrfField token={props.csrf} />
        <button type="submit" class="secondary">
          Dismiss
        </button>
      </form>
    </div>
  );
}
