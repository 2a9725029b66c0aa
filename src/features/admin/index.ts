// admin: user administration and platform settings (module /admin/, signed by an admin's key;
// anyone else who signs correctly is answered 1400). Every action is global (zone 'none').
// Limitations: invites cannot be listed or revoked once created (they expire); there is no audit
// log of admin actions; DescribeOutbox shows every mail, so admin keys must be kept like root
// passwords (a kept mail's body carries its single-use token until it is used; bodies are sealed
// with the master key in the store, and DescribeOutbox is the only action that opens them).
import type { Action } from '../../protocol/action.ts'
import { banUsers } from './actions/ban-users.ts'
import { createInvite } from './actions/create-invite.ts'
import { describeOutbox } from './actions/describe-outbox.ts'
import { describePlatformSettings } from './actions/describe-platform-settings.ts'
import { describeUsers } from './actions/describe-users.ts'
import { modifyPlatformSettings } from './actions/modify-platform-settings.ts'
import { resetUserPassword } from './actions/reset-user-password.ts'
import { setUserRole } from './actions/set-user-role.ts'
import { unbanUsers } from './actions/unban-users.ts'
import { verifyUsers } from './actions/verify-users.ts'

export const adminActions: Action[] = [describeUsers, banUsers, unbanUsers, verifyUsers, resetUserPassword, setUserRole, describeOutbox, describePlatformSettings, modifyPlatformSettings, createInvite]
