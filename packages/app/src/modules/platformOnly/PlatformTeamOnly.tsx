import { ReactNode } from 'react';
import {
  Content,
  Header,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';

/** What a person who may not use a page sees there, in words. */
export function ForThePlatformTeam(props: {
  title: string;
  description: string;
}) {
  return (
    <Page themeId="tool">
      <Header title={props.title} />
      <Content>
        <WarningPanel
          severity="info"
          defaultExpanded
          title={`${props.title} is for the platform team`}
          message={props.description}
        />
      </Content>
    </Page>
  );
}

/**
 * Shows its children only to people the permission policy allows
 * `permission` (the one the page's backend checks); others are told the
 * page is for the platform team rather than meeting its errors.
 */
export function PlatformTeamOnly(props: {
  permission: BasicPermission;
  title: string;
  description: string;
  children: ReactNode;
}) {
  const { loading, allowed } = usePermission({
    permission: props.permission,
  });
  if (loading) return <Progress />;
  if (allowed) return <>{props.children}</>;
  return (
    <ForThePlatformTeam title={props.title} description={props.description} />
  );
}
