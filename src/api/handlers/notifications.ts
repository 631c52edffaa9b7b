import * as notifications from "../../domain/commands/notifications";
import type { RequesterCtx } from "../../domain/context";
import type { EventType } from "../../domain/records";
import type { ApiCtx } from "../context";
import { fromNotificationSpecification } from "../convert";
import type * as S from "../generated/shapes";

export const notificationHandlers = {
  UpdateNotificationSettings: (api: ApiCtx, input: S.UpdateNotificationSettingsRequest): S.UpdateNotificationSettingsResponse => {
    const spec = input.Notification && fromNotificationSpecification(input.Notification);
    api.domain.asRequester(api.requester, (ctx) => notifications.updateNotificationSettings(ctx, input.HITTypeId, spec, input.Active));
    return {};
  },

  // Synchronous like the real one: the message is sent before the call answers, and a destination that does
  // not take it fails the call (src/notifications).
  SendTestEventNotification: async (api: ApiCtx, input: S.SendTestEventNotificationRequest): Promise<S.SendTestEventNotificationResponse> => {
    const spec = fromNotificationSpecification(input.Notification);
    await sendTestEvent(api, (ctx) => notifications.sendTestEventNotification(ctx, spec, input.TestEventType as EventType));
    return {};
  },
};

/** Records a test notification and, when delivery is on, sends it before answering (both APIs use this). */
export async function sendTestEvent(api: ApiCtx, record: (ctx: RequesterCtx) => void): Promise<void> {
  if (api.notifications) await api.notifications.sendTest(api.requester, record);
  else api.domain.asRequester(api.requester, record);
}
