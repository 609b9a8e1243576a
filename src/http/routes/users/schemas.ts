import { z } from 'zod'
import { NewUserInput } from '../../../services/index.ts'

/** The admin page's form: the service's input, with a checkbox for `admin`. */
export const NewUserForm = NewUserInput.omit({ admin: true }).extend({
  admin: z.literal('on').optional(),
  _csrf: z.string().optional(),
})

export const PasswordBody = z.object({
  password: z.string().min(8).max(200),
  /** Required when users change their own password (§7). */
  currentPassword: z.string().max(200).optional(),
})
export const PasswordForm = PasswordBody.extend({ _csrf: z.string().optional() })

export const UsernameParams = z.object({ username: z.string().min(1).max(64) })

export const UserList = z.array(z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  admin: z.boolean(),
}))
