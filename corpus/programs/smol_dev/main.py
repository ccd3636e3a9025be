# From smol-ai/developer (commit a6747d1a6ccd983c54a483c4a4fb1fa4bf740e82), MIT.
# Original path: main.py at the repository root (the prompt is the default, shortened; the
# generated folder is ./generated).
import sys

from smol_dev.main import main

if __name__ == "__main__":
    prompt = """
  a simple JavaScript/HTML/CSS/Canvas app that is a one player game of PONG.
  The left paddle is controlled by the player, following where the mouse goes.
  Make the canvas a 400 x 400 black square and center it in the app.
  """
    if len(sys.argv) == 2:
        prompt = sys.argv[1]
    print(prompt)
    main(prompt=prompt, generate_folder_path="generated", debug=True, model="gpt-4-0613")
