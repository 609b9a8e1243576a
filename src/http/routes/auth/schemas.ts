import { z } from 'zod'

export const LoginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
})

export const LoginForm = LoginBody.extend({
  next: z.string().optional(),
  _csrf: z.string().optional(),
})

export const UserView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  admin: z.boolean(),
})

export const UserResponse = z.object({ user: UserView })
