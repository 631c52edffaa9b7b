import * as notifications from "../../domain/commands/notifications";
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

  SendTestEventNotification: (api: ApiCtx, input: S.SendTestEventNotificationRequest): S.SendTestEventNotificationResponse => {
    const spec = fromNotificationSpecification(input.Notification);
    api.domain.asRequester(api.requester, (ctx) => notifications.sendTestEventNotification(ctx, spec, input.TestEventType as EventType));
    return {};
  },
};
