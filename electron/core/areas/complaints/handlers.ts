/** The complaints area's channels: the taxonomy for everyone, the review for supervisors and admins. */
import type { complaintsChannels } from '../../../../shared/areas/complaints/channels.ts';
import { assertMayReviewComplaints } from '../../../../shared/complaints/review.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createComplaintsHandlers({ repos, client, now }: HandlerContext): AreaHandlers<typeof complaintsChannels> {
  // With no server (--local) there is no signed-in person: the device's data is its user's own.
  const checkReviewer = () => {
    if (client !== null) assertMayReviewComplaints(repos.directory.get().me?.role ?? null);
  };
  return {
    'complaints.categories': () => repos.complaints.categories(),
    'complaints.review': (query) => {
      checkReviewer();
      return repos.complaints.review(query, now());
    },
    'complaints.tickets': ({ query, figure, limit }) => {
      checkReviewer();
      return repos.complaints.tickets(query, figure, limit, now());
    },
    'complaints.comments': ({ query, cursor, limit }) => {
      checkReviewer();
      return repos.complaints.comments(query, cursor, limit, now());
    },
  };
}
