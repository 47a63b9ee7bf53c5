import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { identityApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { feedbackApiRef } from '../../api';
import { fakeFeedbackApi } from '../../testUtils/fakeFeedbackApi';
import { SurveyPrompt } from './SurveyPrompt';
import { activeSecondsKey, firstSeenKey } from './useActiveSeconds';

jest.setTimeout(30_000);

const USER = 'user:default/priya.sharma';

function render(api: ReturnType<typeof fakeFeedbackApi>, delaySeconds: number) {
  return renderInTestApp(<SurveyPrompt delaySeconds={delaySeconds} />, {
    apis: [
      [feedbackApiRef, api],
      [identityApiRef, mockApis.identity({ userEntityRef: USER })],
    ],
  });
}

const offered = () =>
  fakeFeedbackApi({
    getSurveyStatus: jest.fn(async () => ({ period: '2026-Q4', offer: true })),
  });

describe('SurveyPrompt', () => {
  beforeEach(() => {
    window.localStorage.clear();
    // A returning user, first seen on an earlier day.
    window.localStorage.setItem(firstSeenKey(USER), '2026-01-01');
  });

  it('is never offered on the day a user is first seen in this browser', async () => {
    window.localStorage.clear();
    window.localStorage.setItem(activeSecondsKey(USER), '9999');
    const api = offered();
    render(api, 0);
    await waitFor(() => expect(api.getSurveyStatus).toHaveBeenCalled());
    await waitFor(() =>
      expect(window.localStorage.getItem(firstSeenKey(USER))).toMatch(
        /^\d{4}-\d\d-\d\d$/,
      ),
    );
    expect(screen.queryByRole('region', { name: 'Portal survey' })).toBeNull();
  });

  it('shows nothing when the backend says the survey was answered or dismissed', async () => {
    const api = fakeFeedbackApi();
    window.localStorage.setItem(activeSecondsKey(USER), '9999');
    render(api, 0);
    await waitFor(() => expect(api.getSurveyStatus).toHaveBeenCalled());
    expect(screen.queryByRole('region', { name: 'Portal survey' })).toBeNull();
  });

  it('waits until the user has used the portal long enough, counting across page loads', async () => {
    jest.useFakeTimers();
    try {
      const api = offered();
      window.localStorage.setItem(activeSecondsKey(USER), '110');
      render(api, 120);
      // Let the app render and the status load before the clock moves.
      for (let i = 0; i < 20 && !api.getSurveyStatus.mock.calls.length; i++) {
        await act(async () => {
          await jest.advanceTimersByTimeAsync(50);
        });
      }
      await act(async () => {
        await jest.advanceTimersByTimeAsync(50);
      });
      expect(window.localStorage.getItem(activeSecondsKey(USER))).toBe('110');
      await act(async () => {
        await jest.advanceTimersByTimeAsync(5_000);
      });
      expect(
        screen.queryByRole('region', { name: 'Portal survey' }),
      ).toBeNull();
      expect(window.localStorage.getItem(activeSecondsKey(USER))).toBe('115');
      await act(async () => {
        await jest.advanceTimersByTimeAsync(5_000);
      });
      expect(
        screen.getByRole('region', { name: 'Portal survey' }),
      ).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('"Not now" records a dismissal and hides the prompt', async () => {
    const api = offered();
    render(api, 0);
    const prompt = await screen.findByRole('region', { name: 'Portal survey' });
    expect(prompt).toHaveTextContent('Three quick questions about the portal?');
    await userEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(api.dismissSurvey).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('region', { name: 'Portal survey' })).toBeNull();
    expect(api.answerSurvey).not.toHaveBeenCalled();
  });

  it('the close button also dismisses', async () => {
    const api = offered();
    render(api, 0);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Close survey' }),
    );
    expect(api.dismissSurvey).toHaveBeenCalledTimes(1);
  });

  it('sends NPS, ease and the comment, then thanks', async () => {
    const api = offered();
    render(api, 0);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Answer' }),
    );
    const dialog = await screen.findByRole('dialog');
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: '9' }));
    expect(send).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Easy' }));
    await userEvent.type(
      screen.getByLabelText(/What one thing would make the portal/),
      '  Faster search  ',
    );
    expect(dialog).toBeInTheDocument();
    await userEvent.click(send);
    expect(api.answerSurvey).toHaveBeenCalledWith({
      nps: 9,
      ease: 4,
      comment: 'Faster search',
    });
    expect(await screen.findByText('Thank you')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.dismissSurvey).not.toHaveBeenCalled();
  });

  it('shows the backend message when the answer is refused', async () => {
    const api = offered();
    api.answerSurvey.mockRejectedValue(
      new Error('You already answered the survey of 2026-Q4'),
    );
    render(api, 0);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Answer' }),
    );
    await userEvent.click(screen.getByRole('button', { name: '0' }));
    await userEvent.click(screen.getByRole('button', { name: 'Very hard' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(
      await screen.findByText('You already answered the survey of 2026-Q4'),
    ).toBeInTheDocument();
  });
});
