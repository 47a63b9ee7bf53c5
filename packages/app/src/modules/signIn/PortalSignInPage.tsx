import { useState } from 'react';
import { ProxiedSignInPage, SignInPage } from '@backstage/core-components';
import { SignInPageProps } from '@backstage/plugin-app-react';
import {
  configApiRef,
  githubAuthApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { DemoUserPicker } from './DemoUserPicker';
import { demoUserStorage, forgetUserOnSignOut } from './demoUserStorage';

/**
 * GitHub sign-in in production; in demo mode (`portal.demoMode`), a picker
 * that signs in as any catalog User through the backend's `demo` provider.
 */
export function PortalSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const [userName, setUserName] = useState(demoUserStorage.get());

  if (!config.getOptionalBoolean('portal.demoMode')) {
    return (
      <SignInPage
        {...props}
        auto
        provider={{
          id: 'github-auth-provider',
          title: 'GitHub',
          message: 'Sign in with your GitHub account',
          apiRef: githubAuthApiRef,
        }}
      />
    );
  }

  if (!userName) {
    return (
      <DemoUserPicker
        onPick={name => {
          demoUserStorage.set(name);
          setUserName(name);
        }}
      />
    );
  }

  return (
    <ProxiedSignInPage
      provider="demo"
      headers={{ 'x-portal-demo-user': userName }}
      onSignInSuccess={identity =>
        props.onSignInSuccess(forgetUserOnSignOut(identity))
      }
      ErrorComponent={({ error }) => (
        <DemoUserPicker
          error={error}
          onPick={name => {
            demoUserStorage.set(name);
            setUserName(name);
          }}
        />
      )}
    />
  );
}
