import { ReactNode } from 'react';
import {
  Content,
  Header,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { portalAnalyticsUsageReadPermission } from '@internal/plugin-portal-analytics-common';

/**
 * Shows its children only to people the permission policy lets read the
 * portal's usage (the platform team); others see why instead of an error
 * from the backend, which refuses them anyway.
 */
export function PlatformOnly(props: { title: string; children: ReactNode }) {
  const { loading, allowed } = usePermission({
    permission: portalAnalyticsUsageReadPermission,
  });
  if (loading) return <Progress />;
  if (allowed) return <>{props.children}</>;
  return (
    <Page themeId="tool">
      <Header title={props.title} />
      <Content>
        <WarningPanel
          severity="info"
          title={`${props.title} is for the platform team`}
          message="It shows how people use the portal, per team. Ask the platform team if you need a figure from it."
        />
      </Content>
    </Page>
  );
}
