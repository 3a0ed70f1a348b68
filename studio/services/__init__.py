"""Operations on a studio's data. Writes go through ``Studio.transaction`` (the one write path)."""
