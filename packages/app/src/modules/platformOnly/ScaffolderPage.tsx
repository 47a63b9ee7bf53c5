import { ReactNode } from 'react';
import { Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { templateManagementPermission } from '@backstage/plugin-scaffolder-common/alpha';
import { Route, Routes } from 'react-router-dom';
import { ForThePlatformTeam } from './PlatformTeamOnly';

/** The Create page's tabs for the template editor. */
export const EDITOR_PATH = 'edit';

export const TEMPLATE_EDITOR = {
  title: 'Template Editor',
  description:
    'It tries templates out with the portal’s own credentials. To create something, choose a template under Create; to change a template, report friction on it.',
};

/**
 * The Create page: with the Template Editor tab for whom the permission
 * policy lets manage templates (the platform team), without it for
 * everyone else, who are told at its address that it is the platform
 * team's.
 */
export function ScaffolderPage(props: {
  everything: ReactNode;
  withoutEditor: ReactNode;
}) {
  const { loading, allowed } = usePermission({
    permission: templateManagementPermission,
  });
  if (loading) return <Progress />;
  if (allowed) return <>{props.everything}</>;
  return (
    <Routes>
      <Route
        path={`${EDITOR_PATH}/*`}
        element={<ForThePlatformTeam {...TEMPLATE_EDITOR} />}
      />
      <Route path="*" element={props.withoutEditor} />
    </Routes>
  );
}
