/**
 * The sample chat: {@link org.plezi.sample.ChatController} (the websocket at {@code /chat}, found
 * by its {@link org.plezi.jakarta.Route} annotation), {@link org.plezi.sample.NoticeServlet} (the
 * {@code POST /api/notice} endpoint, which gets the {@link org.plezi.jakarta.Messenger} from CDI),
 * and the input rules and JSON replies they share.
 */
package org.plezi.sample;
