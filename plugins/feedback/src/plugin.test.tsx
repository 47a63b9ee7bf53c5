import { Entity } from '@backstage/catalog-model';
import { feedbackPlugin, isFeedbackEntity } from './plugin';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('feedbackPlugin', () => {
  it('provides the API, page, entity card and entity tab', () => {
    expect(feedbackPlugin.id).toBe('feedback');
    expect(feedbackPlugin.getExtension('api:feedback')).toBeDefined();
    expect(feedbackPlugin.getExtension('page:feedback')).toBeDefined();
    expect(
      feedbackPlugin.getExtension('entity-card:feedback/report-friction'),
    ).toBeDefined();
    expect(
      feedbackPlugin.getExtension('entity-content:feedback/feedback'),
    ).toBeDefined();
    expect(
      feedbackPlugin.getExtension('app-root-element:feedback/survey-prompt'),
    ).toBeDefined();
  });

  it('only applies to components, APIs, resources and systems', () => {
    expect(isFeedbackEntity(entity('Component'))).toBe(true);
    expect(isFeedbackEntity(entity('API'))).toBe(true);
    expect(isFeedbackEntity(entity('Resource'))).toBe(true);
    expect(isFeedbackEntity(entity('System'))).toBe(true);
    expect(isFeedbackEntity(entity('Group'))).toBe(false);
    expect(isFeedbackEntity(entity('User'))).toBe(false);
  });
});
