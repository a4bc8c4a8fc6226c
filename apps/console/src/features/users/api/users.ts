import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '../../../lib/api-client';
import type { ApiSchema } from '../../../lib/api/types';
import { newestFirstQuery, type ListParams } from '../../../lib/list-params';
import { LIST_PAGE_SIZE } from '../../../lib/paths';

export type PlatformUser = ApiSchema<'User'>;
export type UserInput = ApiSchema<'UsersCreateBody'>;
/** PATCH: `email: null` removes the address; a password ends the user's sessions. */
export type UserUpdate = ApiSchema<'UsersUpdateBody'>;
type UserPage = ApiSchema<'UserPage'>;

const PATH = '/api/v1/users';
const ONE = '/api/v1/users/{user}';
const key = ['users'] as const;

/** One page of the platform's users, as the API searches (username, e-mail) and shows them (newest first). */
function usersPageQuery(params: ListParams, cursor: string | undefined) {
  const query = newestFirstQuery(params, LIST_PAGE_SIZE, cursor);
  return queryOptions({
    queryKey: [...key, 'page', params, cursor ?? null] as const,
    queryFn: ({ signal }) => unwrap<UserPage>(client.GET(PATH, { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export const useUsersPage = (params: ListParams, cursor: string | undefined) => useQuery(usersPageQuery(params, cursor));

/** One user by id or username. */
export const useUser = (user: string) =>
  useQuery({ queryKey: [...key, 'one', user] as const, queryFn: ({ signal }) => unwrap<PlatformUser>(client.GET(ONE, { params: { path: { user } }, signal })) });

export function useUserWrites() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: key });
  return {
    create: useMutation({ mutationFn: (body: UserInput) => unwrap<PlatformUser>(client.POST(PATH, { body })), onSuccess }),
    update: useMutation({
      mutationFn: ({ user, body }: { user: string; body: UserUpdate }) => unwrap<PlatformUser>(client.PATCH(ONE, { params: { path: { user } }, body })),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (user: string) => unwrap(client.DELETE(ONE, { params: { path: { user } } })), onSuccess }),
  };
}

type AuditPage = ApiSchema<'AuditLogPage'>;

/** The user's latest writes in the platform audit log (superadmins read it): created, updated, password resets. */
export const useUserHistory = (userId: string) =>
  useQuery({
    queryKey: [...key, 'history', userId] as const,
    queryFn: ({ signal }) => unwrap<AuditPage>(client.GET('/api/v1/audit', { params: { query: { resource: 'user', resourceId: userId, limit: 20 } }, signal })),
  });
