package org.plezi.jakarta.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The _mail_ tag of client-confirmed mailbox messages (#18). */
class MailTagTest {
  @Test
  void theMemberNamesTheIdentityEscapedAndTheNumber() {
    assertThat(MailTag.member("ada", 7)).isEqualTo("{\"identity\":\"ada\",\"seq\":7}");
    assertThat(MailTag.member("a\"b\\c\u2028", 1))
        .isEqualTo("{\"identity\":\"a\\\"b\\\\c\\u2028\",\"seq\":1}");
  }

  @Test
  void aJsonObjectReplyCarriesTheTagFirst() {
    String member = MailTag.member("ada", 3);
    assertThat(MailTag.tagged("{\"event\":\"mail\",\"text\":\"hi\"}", member))
        .isEqualTo("{\"_mail_\":" + member + ",\"event\":\"mail\",\"text\":\"hi\"}");
    assertThat(MailTag.tagged("  { }  ", member)).isEqualTo("{\"_mail_\":" + member + "}  ");
  }

  @Test
  void otherRepliesGetNoTagInsideAndTheTagAlone() {
    String member = MailTag.member("ada", 3);
    assertThat(MailTag.tagged("just text", member)).isNull();
    assertThat(MailTag.tagged("[1,2]", member)).isNull();
    assertThat(MailTag.tagged("{", member)).isNull();
    assertThat(MailTag.tagged(null, member)).isNull();
    assertThat(MailTag.alone(member)).isEqualTo("{\"event\":\"_mail_\",\"_mail_\":" + member + "}");
  }
}
