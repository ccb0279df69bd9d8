import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { appealNumberParams } from '../../contracts/appeal.schema.ts';
import { campaignGroupingSchema, campaignListSchema } from '../../contracts/campaign.schema.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { groupCampaign, listCampaigns } from './campaigns.ts';

/** Mass appeals (campaigns) in the caller's scope, and making one a group answered once. */
export function campaignRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/v1/campaigns',
      {
        schema: {
          tags: ['staff'],
          summary:
            'Mass appeals in the caller’s scope (one text from many applicants): each with its size, applicants, first and last date and lead',
          response: { 200: campaignListSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listCampaigns(ctx, user);
      },
    );

    api.post(
      '/api/v1/campaigns/:number/group',
      {
        schema: {
          tags: ['staff'],
          summary:
            'Makes the campaign an appeal belongs to one group: its open members join the lead, whose approved answer then answers each applicant',
          params: appealNumberParams,
          response: { 200: campaignGroupingSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return groupCampaign({ ctx, user, number: request.params.number });
      },
    );
  };
}
