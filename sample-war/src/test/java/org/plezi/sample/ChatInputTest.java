package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatInputTest {
  @Test
  void namesOfOneTo32LettersDigitsUnderscoresDotsAndDashesAreAccepted() {
    for (String name : List.of("a", "Zed", "j.doe_42-x", "n".repeat(32))) {
      assertThat(ChatInput.nameProblem("name", name)).as(name).isNull();
    }
  }

  @Test
  void otherNamesAreRefusedWithTheRule() {
    for (String name : List.of("", "n".repeat(33), "two words", "zoë", "<b>", "tab\t", "a/b")) {
      assertThat(ChatInput.nameProblem("name", name))
          .as(name)
          .isEqualTo("name: " + ChatInput.NAME_RULE);
    }
  }

  @Test
  void aMissingOrNonStringValueIsNamedAsSuch() {
    assertThat(ChatInput.nameProblem("to", null)).isEqualTo("to is missing");
    assertThat(ChatInput.nameProblem("to", 42L)).isEqualTo("to must be a JSON string");
    assertThat(ChatInput.textProblem("text", List.of("hi")))
        .isEqualTo("text must be a JSON string");
    assertThat(ChatInput.textProblem("text", Map.of())).isEqualTo("text must be a JSON string");
  }

  @Test
  void textsAreOneTo500CodePointsWithNewLinesAndTabsButNoOtherControls() {
    assertThat(ChatInput.textProblem("text", "x")).isNull();
    assertThat(ChatInput.textProblem("text", "line\nline\ttab")).isNull();
    assertThat(ChatInput.textProblem("text", "😀".repeat(500))).isNull();
    assertThat(ChatInput.textProblem("text", "<img src=x onerror=alert(1)>")).isNull();

    for (String text :
        List.of(
            "",
            "   ",
            " \n\t ",
            "x".repeat(501),
            "😀".repeat(501),
            "bell\u0007",
            "nul\u0000",
            "esc\u001b[31m",
            "del\u007f")) {
      assertThat(ChatInput.textProblem("text", text))
          .as(text)
          .isEqualTo("text: " + ChatInput.TEXT_RULE);
    }
  }

  @Test
  void roomNamesFollowTheNameRuleAndCompareWithoutCase() {
    for (String room : List.of("lobby", "R1", "j.doe_42-x", "r".repeat(32))) {
      assertThat(ChatInput.roomProblem("room", room)).as(room).isNull();
    }
    for (String room : List.of("", "r".repeat(33), "two words", "café", "room:x", "a/b", "<b>")) {
      assertThat(ChatInput.roomProblem("room", room))
          .as(room)
          .isEqualTo("room: " + ChatInput.ROOM_RULE);
    }
    assertThat(ChatInput.roomProblem("room", null)).isEqualTo("room is missing");
    assertThat(ChatInput.roomProblem("room", 7L)).isEqualTo("room must be a JSON string");
    assertThat(ChatInput.room("Tea.Room")).isEqualTo("tea.room");
    assertThat(ChatInput.channel("tea.room")).isEqualTo("room:tea.room");
  }

  @Test
  void aRoomsMembersShowTheirNamesWithoutTheIdentityPrefix() {
    assertThat(ChatInput.memberId(ChatInput.identity("Bob"))).isEqualTo("bob");
    assertThat(ChatInput.memberId("a-connection-uuid")).isEqualTo("a-connection-uuid");
  }

  @Test
  void identitiesIgnoreCaseAndCarryTheChatsPrefix() {
    assertThat(ChatInput.identity("Bob")).isEqualTo("chat-user:bob");
    assertThat(ChatInput.identity("BOB")).isEqualTo(ChatInput.identity("bob"));
  }
}
