import { IdentityApi } from '@backstage/core-plugin-api';

const STORAGE_KEY = 'portal.demoSignIn.user';

/** The demo User chosen on this browser, so a reload keeps the session. */
export const demoUserStorage = {
  get: (): string | undefined =>
    window.localStorage.getItem(STORAGE_KEY) ?? undefined,
  set: (name: string) => window.localStorage.setItem(STORAGE_KEY, name),
  clear: () => window.localStorage.removeItem(STORAGE_KEY),
};

/** Signing out forgets the chosen user, so the picker shows again. */
export function forgetUserOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      demoUserStorage.clear();
      await identity.signOut();
    },
  };
}
